#define G_LOG_DOMAIN "rd-connector-opendsr"
#include "config.h"
#include "rd-connector-opendsr.h"
struct _RdConnectorOpendsr { GObject parent_instance; };
static void connector_iface_init (RdConnectorInterface *iface) {}
G_DEFINE_FINAL_TYPE_WITH_CODE (RdConnectorOpendsr, rd_connector_opendsr, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_CONNECTOR, connector_iface_init))
static void rd_connector_opendsr_class_init (RdConnectorOpendsrClass *klass) {}
static void rd_connector_opendsr_init (RdConnectorOpendsr *self) {}
RdConnectorOpendsr *rd_connector_opendsr_new (RdConnectorConfig *config, const char *secret) { return g_object_new (RD_TYPE_CONNECTOR_OPENDSR, NULL); }

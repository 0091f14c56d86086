#define G_LOG_DOMAIN "rd-connector-rt"
#include "config.h"
#include "rd-connector-rt.h"
struct _RdConnectorRt { GObject parent_instance; };
static void connector_iface_init (RdConnectorInterface *iface) {}
G_DEFINE_FINAL_TYPE_WITH_CODE (RdConnectorRt, rd_connector_rt, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RD_TYPE_CONNECTOR, connector_iface_init))
static void rd_connector_rt_class_init (RdConnectorRtClass *klass) {}
static void rd_connector_rt_init (RdConnectorRt *self) {}
RdConnectorRt *rd_connector_rt_new (RdConnectorConfig *config, const char *secret) { return g_object_new (RD_TYPE_CONNECTOR_RT, NULL); }

#include <glib/gi18n.h>
const char *a (void) { return _("Listed"); }

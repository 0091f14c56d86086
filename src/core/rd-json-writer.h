/* rd-json-writer.h: a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* json-glib builds a tree first; listing a million cases needs output that streams with
 * constant memory, so this writes as it goes. Commas and escaping are its business. */
typedef struct _RdJsonWriter RdJsonWriter;

RdJsonWriter *rd_json_writer_new            (FILE         *out);
void          rd_json_writer_begin_object   (RdJsonWriter *self);
void          rd_json_writer_end_object     (RdJsonWriter *self);
void          rd_json_writer_begin_array    (RdJsonWriter *self);
void          rd_json_writer_end_array      (RdJsonWriter *self);
void          rd_json_writer_key            (RdJsonWriter *self,
                                             const char   *key);
void          rd_json_writer_string         (RdJsonWriter *self,
                                             const char   *value);
void          rd_json_writer_int            (RdJsonWriter *self,
                                             gint64        value);
void          rd_json_writer_double         (RdJsonWriter *self,
                                             double        value);
void          rd_json_writer_boolean        (RdJsonWriter *self,
                                             gboolean      value);
void          rd_json_writer_null           (RdJsonWriter *self);
/* A civil date as "YYYY-MM-DD", or null when @date is NULL or invalid. */
void          rd_json_writer_date           (RdJsonWriter *self,
                                             const GDate  *date);
void          rd_json_writer_strv           (RdJsonWriter *self,
                                             const char * const *values);
/* A value that is already JSON text (the caller vouches for it). */
void          rd_json_writer_raw            (RdJsonWriter *self,
                                             const char   *json);
/* With @out NULL the text is kept and returned here; otherwise it is flushed and NULL returned. */
char         *rd_json_writer_free_to_string (RdJsonWriter *self);
void          rd_json_writer_free           (RdJsonWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdJsonWriter, rd_json_writer_free)

G_END_DECLS

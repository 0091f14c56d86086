/* rd-transcript.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rd-transcript"

#include "config.h"

#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <json-glib/json-glib.h>
#include <poppler.h>
#include <string.h>

#include "rd-compat.h"
#include "rd-document-sniff.h"
#include "rd-error.h"
#include "rd-file.h"
#include "rd-json-load.h"
#include "rd-transcript.h"

struct _RdTranscript
{
  GObject             parent_instance;
  RdTranscriptFormat  format;
  GString            *text;
  GArray             *turns;     /* RdTurn */
  GPtrArray          *warnings;  /* NULL-terminated */
};

G_DEFINE_FINAL_TYPE (RdTranscript, rd_transcript, G_TYPE_OBJECT)

static void
turn_clear (gpointer data)
{
  RdTurn *turn = data;

  g_clear_pointer (&turn->speaker, g_free);
  g_clear_pointer (&turn->time, g_free);
}

static void
rd_transcript_finalize (GObject *object)
{
  RdTranscript *self = RD_TRANSCRIPT (object);

  g_string_free (self->text, TRUE);
  g_array_unref (self->turns);
  g_ptr_array_unref (self->warnings);

  G_OBJECT_CLASS (rd_transcript_parent_class)->finalize (object);
}

static void
rd_transcript_class_init (RdTranscriptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_transcript_finalize;
}

static void
rd_transcript_init (RdTranscript *self)
{
  self->text = g_string_new (NULL);
  self->turns = g_array_new (FALSE, TRUE, sizeof (RdTurn));
  g_array_set_clear_func (self->turns, turn_clear);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

static void
add_warning (RdTranscript *self,
             char         *warning)
{
  /* Keep the array NULL-terminated for rd_transcript_get_warnings(). */
  self->warnings->pdata[self->warnings->len - 1] = warning;
  g_ptr_array_add (self->warnings, NULL);
}

/* Windows and e-mail line ends would leave "\r" in every turn: "\r\n" from @from on
 * becomes "\n". */
static void
crlf_to_lf (GString *text,
            gsize    from)
{
  char *w = memchr (text->str + from, '\r', text->len - from);

  if (w != NULL)
    {
      for (const char *r = w; *r; r++)
        if (!(r[0] == '\r' && r[1] == '\n'))
          *w++ = *r;
      g_string_truncate (text, w - text->str);
    }
}

/* An empty string with room for @size bytes: a transcript's text is often as large as its
 * file. */
static GString *
text_buffer_new (gsize size)
{
  GString *text = g_string_sized_new (size);

  rd_memory_advise_large (text->str, text->allocated_len);
  return text;
}

/* Starts a turn: an optional "[time] Speaker: " header; what was said follows, and
 * end_turn () closes it. */
static RdTurn
begin_turn (RdTranscript *self,
            const char   *speaker,
            const char   *time,
            const char   *header)
{
  RdTurn turn = { NULL };

  if (self->text->len > 0)
    g_string_append_c (self->text, '\n');

  turn.start = self->text->len;
  turn.speaker = (speaker && *speaker) ? g_strdup (speaker) : NULL;
  turn.time = (time && *time) ? g_strdup (time) : NULL;

  if (header != NULL)
    g_string_append (self->text, header);
  else
    {
      if (turn.time != NULL)
        g_string_append_printf (self->text, "[%s] ", turn.time);
      if (turn.speaker != NULL)
        g_string_append_printf (self->text, "%s: ", turn.speaker);
    }

  turn.body = self->text->len;
  return turn;
}

static void
end_turn (RdTranscript *self,
          RdTurn       *turn)
{
  while (self->text->len > turn->body && self->text->str[self->text->len - 1] == '\n')
    g_string_truncate (self->text, self->text->len - 1);
  turn->end = self->text->len;
  g_string_append_c (self->text, '\n');

  g_array_append_val (self->turns, *turn);
}

/* Appends one turn of valid UTF-8. */
static void
add_turn (RdTranscript *self,
          const char   *speaker,
          const char   *time,
          const char   *header,
          const char   *body)
{
  RdTurn turn = begin_turn (self, speaker, time, header);

  g_string_append (self->text, body);
  end_turn (self, &turn);
}

/* Text from outside may not be UTF-8: appends it to @out repaired, and says where. */
static void
append_valid_utf8 (RdTranscript *self,
                   GString      *out,
                   const char   *data,
                   gsize         length)
{
  const char *end;

  if (g_utf8_validate_len (data, length, &end) && memchr (data, '\0', length) == NULL)
    {
      g_string_append_len (out, data, length);
      return;
    }

  {
    guint line = 1;

    for (const char *p = data; p < end; p++)
      line += *p == '\n';
    add_warning (self, g_strdup_printf (_("Bytes that are not UTF-8 text (first on line %u) were "
                                          "replaced with “�”"), line));
  }

  {
    /* NUL bytes are not text either. */
    g_autofree char *copy = g_memdup2 (data, length);
    g_autofree char *valid = NULL;

    for (gsize i = 0; i < length; i++)
      if (copy[i] == '\0')
        copy[i] = '?';
    valid = g_utf8_make_valid (copy, length);
    g_string_append (out, valid);
  }
}

static char *
valid_utf8 (RdTranscript *self,
            const char   *data,
            gssize        length)
{
  GString *out = g_string_new (NULL);

  append_valid_utf8 (self, out, data, length < 0 ? strlen (data) : (gsize) length);
  return g_string_free (out, FALSE);
}

/* valid_utf8 () of a string of one's own: valid text, the common case, is not copied. */
static char *
valid_utf8_take (RdTranscript *self,
                 char         *text)
{
  char *valid;

  if (g_utf8_validate (text, -1, NULL))
    return text;
  valid = valid_utf8 (self, text, -1);
  g_free (text);
  return valid;
}

/* ------------------------------------------------------------------------------------------ */
/* HTML to text, for e-mail bodies that come only as HTML */

static const struct { const char *name; const char *text; } entities[] = {
  { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
  { "nbsp", " " }, { "ndash", "–" }, { "mdash", "—" }, { "hellip", "…" }, { "rsquo", "’" },
  { "lsquo", "‘" }, { "rdquo", "”" }, { "ldquo", "“" }, { "euro", "€" }, { "pound", "£" },
  { "copy", "©" },
};

static gboolean
block_tag (const char *tag,
           gsize       length)
{
  static const char * const blocks[] = {
    "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table",
    "ul", "ol", "hr", "pre",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (strlen (blocks[i]) == length && g_ascii_strncasecmp (tag, blocks[i], length) == 0)
      return TRUE;
  return FALSE;
}

static char *
html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;

  while (*p)
    {
      if (*p == '<')
        {
          const char *tag = p + 1;
          const char *close = strchr (p, '>');
          gsize tag_len;

          if (close == NULL)
            break;
          if (*tag == '/')
            tag++;
          tag_len = strspn (tag, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

          /* Scripts and styles are not text; comments neither. */
          if ((tag_len == 6 && g_ascii_strncasecmp (tag, "script", 6) == 0 && tag[-1] != '/') ||
              (tag_len == 5 && g_ascii_strncasecmp (tag, "style", 5) == 0 && tag[-1] != '/'))
            {
              const char *end = close;

              /* The closing tag in any case: </Script> as well. */
              while ((end = strstr (end, "</")) != NULL &&
                     g_ascii_strncasecmp (end + 2, tag, tag_len) != 0)
                end += 2;
              close = end ? strchr (end, '>') : NULL;
              if (close == NULL)
                break;
            }
          else if (g_str_has_prefix (p, "<!--"))
            {
              const char *end = strstr (p, "-->");
              if (end == NULL)
                break;
              close = end + 2;
            }
          else if (block_tag (tag, tag_len) && out->len > 0 && out->str[out->len - 1] != '\n')
            g_string_append_c (out, '\n');

          p = close + 1;
        }
      else if (*p == '&')
        {
          const char *semi = strchr (p, ';');
          gboolean done = FALSE;

          if (semi != NULL && semi - p < 10)
            {
              if (p[1] == '#')
                {
                  gunichar c = (p[2] == 'x' || p[2] == 'X') ? g_ascii_strtoull (p + 3, NULL, 16)
                                                             : g_ascii_strtoull (p + 2, NULL, 10);
                  if (g_unichar_validate (c) && c != 0)
                    {
                      g_string_append_unichar (out, c);
                      done = TRUE;
                    }
                }
              else
                for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
                  if ((gsize) (semi - p - 1) == strlen (entities[i].name) &&
                      strncmp (p + 1, entities[i].name, semi - p - 1) == 0)
                    {
                      g_string_append (out, entities[i].text);
                      done = TRUE;
                    }
            }

          if (done)
            p = semi + 1;
          else
            g_string_append_c (out, *p++);
        }
      else if (*p == '\r' || *p == '\n' || *p == '\t')
        {
          /* HTML whitespace folds. */
          if (out->len > 0 && out->str[out->len - 1] != ' ' && out->str[out->len - 1] != '\n')
            g_string_append_c (out, ' ');
          p++;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* E-mail */

typedef struct
{
  RdTranscript *self;
  const char   *plain;      /* the first text/plain body: in @owned, or in the parsed file */
  gsize         plain_length;
  char         *owned;
  char         *html;
  GPtrArray    *attachments;
  GPtrArray    *messages;   /* GMimeMessage, attached or forwarded */
} MailParts;

/* The bytes of a text part that needs neither decoding nor a change of charset, where the
 * parser found them: a large body is then not copied twice on its way into the transcript. */
static gboolean
text_part_in_place (GMimeTextPart  *part,
                    const char    **data,
                    gsize          *length)
{
  GMimeDataWrapper *content = g_mime_part_get_content (GMIME_PART (part));
  const char *charset = g_mime_object_get_content_type_parameter (GMIME_OBJECT (part),
                                                                  "charset");
  GMimeStream *stream;
  GByteArray *bytes;
  gint64 end;

  if (content == NULL || (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0 &&
                          g_ascii_strcasecmp (charset, "us-ascii") != 0))
    return FALSE;
  switch (g_mime_data_wrapper_get_encoding (content))
    {
    case GMIME_CONTENT_ENCODING_DEFAULT:
    case GMIME_CONTENT_ENCODING_7BIT:
    case GMIME_CONTENT_ENCODING_8BIT:
    case GMIME_CONTENT_ENCODING_BINARY:
      break;
    default:
      return FALSE;
    }

  stream = g_mime_data_wrapper_get_stream (content);
  if (!GMIME_IS_STREAM_MEM (stream) ||
      (bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream))) == NULL)
    return FALSE;
  end = stream->bound_end < 0 ? (gint64) bytes->len : MIN (stream->bound_end, (gint64) bytes->len);
  if (stream->bound_start < 0 || stream->bound_start > end)
    return FALSE;

  *data = (const char *) bytes->data + stream->bound_start;
  *length = end - stream->bound_start;
  return TRUE;
}

static void
collect_part (GMimeObject *parent,
              GMimeObject *part,
              gpointer     user_data)
{
  MailParts *parts = user_data;

  if (GMIME_IS_MESSAGE_PART (part))
    {
      GMimeMessage *inner = g_mime_message_part_get_message (GMIME_MESSAGE_PART (part));
      if (inner != NULL)
        g_ptr_array_add (parts->messages, g_object_ref (inner));
      return;
    }

  if (!GMIME_IS_PART (part))
    return;

  if (g_mime_part_is_attachment (GMIME_PART (part)))
    {
      const char *name = g_mime_part_get_filename (GMIME_PART (part));
      g_ptr_array_add (parts->attachments, g_strdup (name ? name : _("(unnamed)")));
      return;
    }

  if (GMIME_IS_TEXT_PART (part))
    {
      GMimeContentType *type = g_mime_object_get_content_type (part);

      /* The first of each kind is the body; later ones are usually signatures or quotes. */
      if (g_mime_content_type_is_type (type, "text", "plain") && parts->plain == NULL)
        {
          if (!text_part_in_place (GMIME_TEXT_PART (part), &parts->plain, &parts->plain_length))
            {
              parts->owned = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
              parts->plain = parts->owned;
              parts->plain_length = parts->owned ? strlen (parts->owned) : 0;
            }
        }
      else if (g_mime_content_type_is_type (type, "text", "html") && parts->html == NULL)
        {
          char *text = g_mime_text_part_get_text (GMIME_TEXT_PART (part));
          parts->html = text ? valid_utf8_take (parts->self, text) : NULL;
        }
    }
}

static char *
address_list (GMimeMessage *message,
              GMimeAddressType type)
{
  InternetAddressList *list = g_mime_message_get_addresses (message, type);

  if (list == NULL || internet_address_list_length (list) == 0)
    return NULL;

  return internet_address_list_to_string (list, NULL, FALSE);
}

static void
add_message (RdTranscript *self,
             GMimeMessage *message)
{
  g_autoptr (GString) header = g_string_new (NULL);
  g_autofree char *from = address_list (message, GMIME_ADDRESS_TYPE_FROM);
  g_autofree char *to = address_list (message, GMIME_ADDRESS_TYPE_TO);
  g_autofree char *cc = address_list (message, GMIME_ADDRESS_TYPE_CC);
  g_autofree char *date = NULL;
  g_autofree char *speaker = NULL;
  const char *subject = g_mime_message_get_subject (message);
  GDateTime *when = g_mime_message_get_date (message);
  InternetAddressList *senders = g_mime_message_get_from (message);
  MailParts parts = { self, NULL, 0, NULL, NULL, g_ptr_array_new_with_free_func (g_free),
                      g_ptr_array_new_with_free_func (g_object_unref) };
  GMimeObject *root = g_mime_message_get_mime_part (message);

  if (when != NULL)
    date = g_date_time_format_iso8601 (when);

  if (senders != NULL && internet_address_list_length (senders) > 0)
    {
      InternetAddress *sender = internet_address_list_get_address (senders, 0);
      const char *name = internet_address_get_name (sender);

      if (name != NULL && *name)
        speaker = g_strdup (name);
      else if (INTERNET_ADDRESS_IS_MAILBOX (sender))
        speaker = g_strdup (internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (sender)));
    }

  if (from)
    g_string_append_printf (header, "From: %s\n", from);
  if (to)
    g_string_append_printf (header, "To: %s\n", to);
  if (cc)
    g_string_append_printf (header, "Cc: %s\n", cc);
  if (date)
    g_string_append_printf (header, "Date: %s\n", date);
  if (subject)
    g_string_append_printf (header, "Subject: %s\n", subject);
  g_string_append_c (header, '\n');

  if (root != NULL)
    {
      collect_part (NULL, root, &parts);
      if (GMIME_IS_MULTIPART (root))
        g_mime_multipart_foreach (GMIME_MULTIPART (root), collect_part, &parts);
    }

  {
    g_autofree char *clean_header = valid_utf8 (self, header->str, header->len);
    RdTurn turn = begin_turn (self, speaker, date, clean_header);

    if (parts.plain != NULL)
      {
        append_valid_utf8 (self, self->text, parts.plain, parts.plain_length);
        crlf_to_lf (self->text, turn.body);
      }
    else if (parts.html != NULL)
      {
        g_autofree char *text = html_to_text (parts.html);
        g_string_append (self->text, text);
      }
    for (guint i = 0; i < parts.attachments->len; i++)
      /* Translators: a file attached to an e-mail */
      g_string_append_printf (self->text, _("\n[attachment: %s]"),
                              (char *) g_ptr_array_index (parts.attachments, i));
    end_turn (self, &turn);
  }

  for (guint i = 0; i < parts.messages->len; i++)
    add_message (self, g_ptr_array_index (parts.messages, i));

  g_free (parts.owned);
  g_free (parts.html);
  g_ptr_array_unref (parts.attachments);
  g_ptr_array_unref (parts.messages);
}

static gboolean
load_email (RdTranscript  *self,
            GBytes        *content,
            GError       **error)
{
  static gsize initialised = 0;
  GByteArray *buffer;
  GMimeStream *stream;
  GMimeParser *parser;
  GMimeMessage *message;
  gsize length;
  const char *data = g_bytes_get_data (content, &length);
  gboolean ok;

  if (g_once_init_enter (&initialised))
    {
      g_mime_init ();
      g_once_init_leave (&initialised, 1);
    }

  if (length > G_MAXUINT)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("The e-mail is too large to read"));
      return FALSE;
    }

  /* Room for the body, which is mostly as large as the message. */
  g_string_free (self->text, TRUE);
  self->text = text_buffer_new (length + 2);

  /* The parser reads @content where it is rather than from a copy: the array only lends it
   * its bytes, and GMime neither changes nor frees them. */
  buffer = g_byte_array_new_take ((guint8 *) data, length);
  stream = g_mime_stream_mem_new_with_byte_array (buffer);
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (stream), FALSE);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);

  ok = message != NULL && g_mime_message_get_mime_part (message) != NULL;
  if (ok)
    add_message (self, message);
  else
    g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                         _("The e-mail could not be read: its headers or MIME structure are "
                           "damaged"));

  /* The message and its parts hold substreams of @stream: all go before the array. */
  g_clear_object (&message);
  g_object_unref (parser);
  g_object_unref (stream);
  g_byte_array_free (buffer, FALSE);
  return ok;
}

/* ------------------------------------------------------------------------------------------ */
/* Chat exports */

/* An array of objects: "[2026-11-02 10:00] Anna: …" is a chat log in plain text. */
static gboolean
looks_like_chat (const char *text)
{
  if (*text != '[')
    return FALSE;
  text++;
  while (*text == ' ' || *text == '\n' || *text == '\t')
    text++;
  return *text == '{' || *text == ']';
}

static gboolean
load_chat (RdTranscript  *self,
           const char    *text,
           GError       **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  JsonArray *array;
  JsonNode *root;
  guint repaired;

  if (!rd_json_load_data (parser, text, -1, &repaired, &local_error))
    {
      g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The chat export is not valid JSON: %s"),
                   local_error->message);
      return FALSE;
    }
  if (repaired > 0)
    add_warning (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u escaped character that is not text "
                                                     "(a lone surrogate or NUL) was replaced by "
                                                     "�",
                                                     "%u escaped characters that are not text "
                                                     "(lone surrogates or NUL) were replaced by "
                                                     "�",
                                                     repaired),
                                        repaired));

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                           _("A chat export must be a JSON array of messages with “time”, "
                             "“author” and “text”"));
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *author = NULL, *time = NULL, *said;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("Message %u of the chat export is not an object"), i + 1);
          return FALSE;
        }
      object = json_node_get_object (node);

#define STRING_MEMBER(name) \
      (json_object_has_member (object, name) && \
       JSON_NODE_HOLDS_VALUE (json_object_get_member (object, name)) && \
       json_node_get_value_type (json_object_get_member (object, name)) == G_TYPE_STRING \
       ? json_object_get_string_member (object, name) : NULL)

      said = STRING_MEMBER ("text");
      author = STRING_MEMBER ("author");
      time = STRING_MEMBER ("time");
#undef STRING_MEMBER

      if (said == NULL)
        {
          g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                       _("Message %u of the chat export has no “text” string"), i + 1);
          return FALSE;
        }

      add_turn (self, author, time, NULL, said);
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* WebVTT and SRT */

/* "<v Anna Smith>Hello</v>" names the speaker; other tags (<b>, <c.loud>, <00:01.000>) go. */
static char *
strip_cue_tags (const char  *line,
                char       **voice)
{
  GString *out = g_string_new (NULL);

  for (const char *p = line; *p;)
    {
      if (*p == '<')
        {
          const char *close = strchr (p, '>');

          if (close == NULL)
            {
              g_string_append (out, p);
              break;
            }
          if (voice != NULL && *voice == NULL && (p[1] == 'v') && (p[2] == ' ' || p[2] == '.'))
            {
              const char *name = strchr (p, ' ');
              if (name != NULL && name < close)
                *voice = g_strstrip (g_strndup (name + 1, close - name - 1));
            }
          p = close + 1;
        }
      else if (g_str_has_prefix (p, "&amp;"))
        {
          g_string_append_c (out, '&');
          p += 5;
        }
      else if (g_str_has_prefix (p, "&lt;"))
        {
          g_string_append_c (out, '<');
          p += 4;
        }
      else if (g_str_has_prefix (p, "&gt;"))
        {
          g_string_append_c (out, '>');
          p += 4;
        }
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* "Anna: hello" and "ANNA SMITH: hello" put the speaker in front; a time ("10:02") does not.
 * Looks at the line from @text to @end; returns its colon, or NULL for no speaker. */
static const char *
speaker_colon (const char *text,
               const char *end)
{
  const char *colon = memchr (text, ':', end - text);

  if (colon == NULL || colon == text || colon + 1 >= end || colon[1] != ' ')
    return NULL;
  if (colon - text > 40 || g_ascii_isdigit (text[0]))
    return NULL;

  for (const char *p = text; p < colon; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isalpha (c) && c != ' ' && c != '-' && c != '\'' && c != '.')
        return NULL;
    }
  return colon;
}

static gboolean
split_speaker (const char  *text,
               char       **speaker,
               const char **said)
{
  const char *colon = speaker_colon (text, text + strlen (text));

  if (colon == NULL)
    return FALSE;
  *speaker = g_strndup (text, colon - text);
  *said = colon + 2;
  return TRUE;
}

static gboolean
is_cue_timing (const char *line)
{
  return strstr (line, "-->") != NULL && g_ascii_isdigit (line[0]);
}

static gboolean
load_cues (RdTranscript  *self,
           const char    *text,
           gboolean       vtt,
           GError       **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint i = 0;
  guint n_cues = 0;

  if (vtt)
    {
      /* Skip the WEBVTT header block and NOTE/STYLE/REGION blocks. */
      while (lines[i] && *g_strchomp (lines[i]) != '\0')
        i++;
    }

  while (lines[i])
    {
      g_autofree char *start = NULL;
      g_autofree char *voice = NULL;
      g_autoptr (GString) said = g_string_new (NULL);
      char *line = g_strchomp (lines[i]);

      if (*line == '\0')
        {
          i++;
          continue;
        }

      if (vtt && (g_str_has_prefix (line, "NOTE") || g_str_has_prefix (line, "STYLE") ||
                  g_str_has_prefix (line, "REGION")))
        {
          while (lines[i] && *g_strchomp (lines[i]) != '\0')
            i++;
          continue;
        }

      /* An identifier line may come before the timing. */
      if (!is_cue_timing (line))
        {
          i++;
          if (lines[i] == NULL || !is_cue_timing (g_strchomp (lines[i])))
            {
              g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                           _("Line %u: expected a cue timing such as “00:00:01.000 --> "
                             "00:00:04.000”"), i);
              return FALSE;
            }
          line = lines[i];
        }

      start = g_strstrip (g_strndup (line, strstr (line, "-->") - line));
      i++;

      while (lines[i] && *g_strchomp (lines[i]) != '\0')
        {
          g_autofree char *clean = strip_cue_tags (lines[i], &voice);

          if (said->len > 0)
            g_string_append_c (said, ' ');
          g_string_append (said, clean);
          i++;
        }

      {
        g_autofree char *speaker = NULL;
        const char *words = said->str;

        if (voice == NULL && split_speaker (said->str, &speaker, &words))
          voice = g_steal_pointer (&speaker);
        add_turn (self, voice, start, NULL, words);
        n_cues++;
      }
    }

  if (n_cues == 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("The subtitles hold no cues"));
      return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Plain text and PDF */

/* The next line of @text from @p, without its trailing blanks (as g_strchomp () leaves it);
 * returns where the line after it starts, or NULL after the last one. */
static const char *
next_line (const GString *text,
           const char    *p,
           const char   **line_end)
{
  const char *end = text->str + text->len;
  const char *nl = memchr (p, '\n', end - p);
  const char *e = nl ? nl : end;

  while (e > p && g_ascii_isspace (e[-1]))
    e--;
  *line_end = e;
  return nl ? nl + 1 : NULL;
}

/* Takes @text over when it becomes the transcript as it is: a large file is most of the
 * memory, and its lines are not copied one by one. */
static void
load_text (RdTranscript  *self,
           GString      **text)
{
  g_autoptr (GString) pending = g_string_new (NULL);
  g_autofree char *pending_speaker = NULL;
  guint labelled = 0, n_lines = 0;
  const char *line, *next, *line_end;

  /* A transcript where most lines start "Name: " is a conversation; otherwise one turn. */
  for (line = (*text)->str; line != NULL; line = next)
    {
      next = next_line (*text, line, &line_end);
      if (line_end == line)
        continue;
      n_lines++;
      if (speaker_colon (line, line_end) != NULL)
        labelled++;
    }

  if (n_lines == 0 || labelled * 2 < n_lines)
    {
      RdTurn turn = { 0 };

      g_string_free (self->text, TRUE);
      self->text = g_steal_pointer (text);
      while (self->text->len > 0 && self->text->str[self->text->len - 1] == '\n')
        g_string_truncate (self->text, self->text->len - 1);
      turn.end = self->text->len;
      g_string_append_c (self->text, '\n');
      g_array_append_val (self->turns, turn);
      return;
    }

  /* The turns hold about the same bytes as the file: one allocation. */
  g_string_free (self->text, TRUE);
  self->text = text_buffer_new ((*text)->len + 2);

  for (line = (*text)->str; line != NULL; line = next)
    {
      const char *colon;

      next = next_line (*text, line, &line_end);
      colon = speaker_colon (line, line_end);
      if (colon != NULL)
        {
          if (pending_speaker != NULL || pending->len > 0)
            add_turn (self, pending_speaker, NULL, NULL, pending->str);
          g_free (pending_speaker);
          pending_speaker = g_strndup (line, colon - line);
          g_string_truncate (pending, 0);
          g_string_append_len (pending, colon + 2, line_end - colon - 2);
        }
      else if (line_end > line)
        {
          if (pending->len > 0)
            g_string_append_c (pending, '\n');
          g_string_append_len (pending, line, line_end - line);
        }
    }

  if (pending_speaker != NULL || pending->len > 0)
    add_turn (self, pending_speaker, NULL, NULL, pending->str);
}

/* A page with a dozen letters or more: a scan has at most a stamp or a page number. */
static gboolean
has_text_layer (const char *page_text)
{
  guint letters = 0;

  for (const char *p = page_text; *p && letters < 16; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      letters++;
  return letters >= 16;
}

static gboolean
load_pdf (RdTranscript  *self,
          GBytes        *content,
          GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (PopplerDocument) document = rd_poppler_open (content, &local_error);
  g_autoptr (GString) scanned = g_string_new (NULL);  /* "2, 5": pages without text */
  int n_pages, n_scanned = 0;

  if (document == NULL)
    {
      if (g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                             _("The PDF is protected by a password"));
      else
        g_set_error (error, RD_ERROR, RD_ERROR_INVALID, _("The PDF could not be read: %s"),
                     local_error->message);
      return FALSE;
    }

  n_pages = poppler_document_get_n_pages (document);
  if (n_pages <= 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("The PDF has no pages"));
      return FALSE;
    }

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr (PopplerPage) page = poppler_document_get_page (document, i);
      g_autofree char *page_text = page ? poppler_page_get_text (page) : NULL;
      g_autofree char *clean = valid_utf8 (self, page_text ? page_text : "", -1);
      /* Translators: the header of a PDF page in a transcript */
      g_autofree char *header = g_strdup_printf (_("— Page %d —\n"), i + 1);

      if (!has_text_layer (clean))
        {
          if (scanned->len > 0)
            g_string_append (scanned, ", ");
          g_string_append_printf (scanned, "%d", i + 1);
          n_scanned++;
        }
      add_turn (self, NULL, NULL, header, clean);
    }

  /* Nothing can be found, or redacted, on a page that is only a picture. */
  if (n_scanned == n_pages)
    add_warning (self, g_strdup (_("The PDF has almost no text layer; scanned pages need OCR "
                                   "before they can be searched for personal data")));
  else if (n_scanned > 0)
    add_warning (self, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Page %s has almost no text layer; a "
                                                     "scanned page needs OCR before it can be "
                                                     "searched for personal data",
                                                     "Pages %s have almost no text layer; "
                                                     "scanned pages need OCR before they can "
                                                     "be searched for personal data",
                                                     n_scanned),
                                        scanned->str));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */

static gboolean
looks_like_email (const char *data,
                  gsize       length)
{
  static const char * const headers[] = {
    "From:", "Received:", "Return-Path:", "MIME-Version:", "Message-ID:", "Date:", "To:",
    "Subject:", "Delivered-To:", "X-",
  };
  guint found = 0;
  const char *p = data, *end = data + MIN (length, 4096);

  /* The first lines are all "Name: value" headers, a few of them well-known. */
  while (p < end && *p != '\n' && *p != '\r')
    {
      const char *eol = memchr (p, '\n', end - p);

      if (*p != ' ' && *p != '\t')
        {
          for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
            if (g_ascii_strncasecmp (p, headers[i], strlen (headers[i])) == 0)
              found++;
          if (memchr (p, ':', (eol ? eol : end) - p) == NULL)
            return FALSE;
        }
      if (eol == NULL)
        break;
      p = eol + 1;
    }

  return found >= 2;
}

static gboolean
looks_like_srt (const char *text)
{
  const char *p = text;

  while (*p == ' ' || *p == '\r' || *p == '\n')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  while (*p == '\r' || *p == ' ')
    p++;
  if (*p != '\n')
    return FALSE;
  return is_cue_timing (p + 1);
}

RdTranscript *
rd_transcript_load (GBytes      *content,
                    const char  *filename,
                    GError     **error)
{
  g_autoptr (RdTranscript) self = NULL;
  g_autoptr (GBytes) converted = NULL;
  g_autoptr (GString) text = NULL;
  const char *data;
  const char *start;
  gsize length;
  gboolean ok = TRUE;

  g_return_val_if_fail (content != NULL, NULL);

  self = g_object_new (RD_TYPE_TRANSCRIPT, NULL);
  data = g_bytes_get_data (content, &length);

  /* Windows tools export chats and notes as UTF-16 with a byte-order mark. */
  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      gsize written = 0;
      char *utf8 = g_convert (data + 2, length - 2, "UTF-8",
                              (guchar) data[0] == 0xff ? "UTF-16LE" : "UTF-16BE",
                              NULL, &written, NULL);

      if (utf8 == NULL)
        {
          g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                               _("The file starts as UTF-16 text but is not valid UTF-16"));
          return NULL;
        }
      converted = g_bytes_new_take (utf8, written);
      content = converted;
      data = g_bytes_get_data (content, &length);
    }

  if (length == 0)
    {
      g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID, _("The file is empty"));
      return NULL;
    }

  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    {
      self->format = RD_TRANSCRIPT_PDF;
      return load_pdf (self, content, error) ? g_steal_pointer (&self) : NULL;
    }

  /* A scan or a photo is not a transcript: reading it as text would only produce noise. */
  {
    RdDocumentFormat format = rd_document_sniff ((const guint8 *) data, length);

    if (rd_document_format_is_image (format))
      {
        g_autofree char *name = g_ascii_strup (rd_document_format_to_string (format), -1);

        g_set_error (error, RD_ERROR, RD_ERROR_INVALID,
                     _("The file is a %s image, not a transcript"), name);
        return NULL;
      }
    if (memchr (data, '\0', MIN (length, 4096)) != NULL)
      {
        g_set_error_literal (error, RD_ERROR, RD_ERROR_INVALID,
                             _("The file holds binary data, not the text of a transcript"));
        return NULL;
      }
  }

  if (looks_like_email (data, length) ||
      (filename != NULL && g_str_has_suffix (filename, ".eml")))
    {
      self->format = RD_TRANSCRIPT_EMAIL;
      return load_email (self, content, error) ? g_steal_pointer (&self) : NULL;
    }

  /* UTF-8 byte-order marks are common in exports from Windows tools. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  /* One copy of the file, sized for the line end a single turn adds. */
  text = text_buffer_new (length + 2);
  append_valid_utf8 (self, text, data, length);

  crlf_to_lf (text, 0);

  start = text->str;
  while (*start == ' ' || *start == '\n' || *start == '\r' || *start == '\t')
    start++;

  if (g_str_has_prefix (start, "WEBVTT"))
    {
      self->format = RD_TRANSCRIPT_WEBVTT;
      ok = load_cues (self, start, TRUE, error);
    }
  else if (looks_like_srt (start))
    {
      self->format = RD_TRANSCRIPT_SRT;
      ok = load_cues (self, start, FALSE, error);
    }
  else if (looks_like_chat (start) || (filename != NULL && g_str_has_suffix (filename, ".json")))
    {
      self->format = RD_TRANSCRIPT_CHAT;
      ok = load_chat (self, start, error);
    }
  else
    {
      self->format = RD_TRANSCRIPT_TEXT;
      load_text (self, &text);
    }

  return ok ? g_steal_pointer (&self) : NULL;
}

RdTranscriptFormat
rd_transcript_get_format (RdTranscript *self)
{
  g_return_val_if_fail (RD_IS_TRANSCRIPT (self), RD_TRANSCRIPT_TEXT);
  return self->format;
}

const char *
rd_transcript_get_text (RdTranscript *self,
                        gsize        *length)
{
  g_return_val_if_fail (RD_IS_TRANSCRIPT (self), NULL);

  if (length != NULL)
    *length = self->text->len;
  return self->text->str;
}

guint
rd_transcript_get_n_turns (RdTranscript *self)
{
  g_return_val_if_fail (RD_IS_TRANSCRIPT (self), 0);
  return self->turns->len;
}

const RdTurn *
rd_transcript_get_turn (RdTranscript *self,
                        guint         index)
{
  g_return_val_if_fail (RD_IS_TRANSCRIPT (self), NULL);
  g_return_val_if_fail (index < self->turns->len, NULL);
  return &g_array_index (self->turns, RdTurn, index);
}

const RdTurn *
rd_transcript_turn_at (RdTranscript *self,
                       gsize         offset)
{
  guint lo = 0, hi;

  g_return_val_if_fail (RD_IS_TRANSCRIPT (self), NULL);

  /* Turns are in text order: bisect. */
  hi = self->turns->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      const RdTurn *turn = &g_array_index (self->turns, RdTurn, mid);

      if (offset < turn->start)
        hi = mid;
      else if (offset > turn->end)
        lo = mid + 1;
      else
        return turn;
    }
  return NULL;
}

const char * const *
rd_transcript_get_warnings (RdTranscript *self)
{
  g_return_val_if_fail (RD_IS_TRANSCRIPT (self), NULL);
  return (const char * const *) self->warnings->pdata;
}

const char *
rd_transcript_format_to_string (RdTranscriptFormat format)
{
  static const char * const names[] = { "text", "email", "chat", "webvtt", "srt", "pdf" };

  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (names), NULL);
  return names[format];
}

/* rd-code-points.h: byte offsets into UTF-8 text as code points
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything outside the core counts offsets in code points. Findings and redactions come
 * sorted by start: a cursor that walks from the offset asked last, forwards or back, turns all
 * of them into code points in about one pass over the text, where g_utf8_pointer_to_offset ()
 * from the start for each would take time in the square of the text's size.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct
{
  const char *text;
  gsize       byte;   /* the offset asked last */
  gsize       point;  /* its code point */
} RdCodePoints;

#define RD_CODE_POINTS_INIT(text) { (text), 0, 0 }

/* The code point at byte @byte of valid UTF-8 text, on a character boundary. Every byte but
 * a continuation byte starts a code point: the count needs no branch per character. */
static inline gsize
rd_code_points_at (RdCodePoints *cursor,
                   gsize         byte)
{
  if (byte >= cursor->byte)
    {
      gsize i = cursor->byte;

      /* Eight bytes at a time: a continuation byte is 10xxxxxx, the one with bit 7 set and
       * bit 6 clear. Their flags, moved to bit 0 of each byte, are summed by a multiply into
       * the top byte (a popcount instruction is not in the x86-64 baseline). */
      for (; i + 8 <= byte; i += 8)
        {
          guint64 x, continuation;

          memcpy (&x, cursor->text + i, sizeof x);
          continuation = (x & ~(x << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7;
          cursor->point += 8 - ((continuation * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
        }
      for (; i < byte; i++)
        cursor->point += ((guchar) cursor->text[i] & 0xc0) != 0x80;
    }
  else
    for (gsize i = byte; i < cursor->byte; i++)
      cursor->point -= ((guchar) cursor->text[i] & 0xc0) != 0x80;
  cursor->byte = byte;
  return cursor->point;
}

G_END_DECLS

/* bench-stall.h: how long a window's main loop stops answering, and goals printed as figures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A 5 ms timer on the main loop: the longest gap between two of its ticks, less its own
 * period, is the longest the window could not have answered a click.
 */
#pragma once

#include <glib.h>

typedef struct
{
  guint   source;
  gint64  last_tick;
  gint64  longest;
} BenchStall;

static gboolean
bench_stall_tick_cb (gpointer data)
{
  BenchStall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last_tick > 0)
    stall->longest = MAX (stall->longest, now - stall->last_tick);
  stall->last_tick = now;
  return G_SOURCE_CONTINUE;
}

/* Starts watching afresh. */
static inline void
bench_stall_start (BenchStall *stall)
{
  if (stall->source == 0)
    stall->source = g_timeout_add (5, bench_stall_tick_cb, stall);
  stall->last_tick = 0;
  stall->longest = 0;
}

/* The longest stall since bench_stall_start (), in ms. */
static inline double
bench_stall_ms (const BenchStall *stall)
{
  return MAX (stall->longest - 5000, 0) / 1e3;
}

static inline void
bench_stall_stop (BenchStall *stall)
{
  g_clear_handle_id (&stall->source, g_source_remove);
}

/* Prints @value beside its goal (at most @goal); *@failed is set when it is missed. */
static inline void
bench_figure (const char *name,
              double      value,
              const char *unit,
              double      goal,
              gboolean   *failed)
{
  gboolean ok = value <= goal;

  g_print ("%-58s %10.2f %-3s (goal < %g %s) %s\n", name, value, unit, goal, unit,
           ok ? "ok" : "MISSED");
  *failed |= !ok;
}

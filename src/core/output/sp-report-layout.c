/* sp-report-layout.c
 *
 * Measures a loaded report's blocks with Pango, lays them out on pages so
 * that nothing is cut at a page break (a table's header repeats on the
 * next page), and draws a page onto any cairo_t in points.  Everything
 * measured stays here: the report itself is only read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>

#include "sp-error.h"
#include "sp-export-file.h"
#include "sp-report-private.h"
#include "sp-worker.h"

/* What the layout measured of one block */
typedef struct
{
  PangoLayout *layout;        /* HEADING, TEXT */
  PangoLayout *layouts[8];    /* TABLE_HEADER: column titles; TABLE_ROW: cells; CHARTS: titles */
  double       widths[8];     /* TABLE_HEADER: the columns */
  double       height;
  double      *line_top;      /* TEXT: each line's top, and its bottom after the last */
  guint        n_lines;
  guint        header;        /* TABLE_ROW: the block of its table's header */
} Measure;

/* Where a block (or some lines of it) went */
typedef struct
{
  guint   block;
  guint   page;
  double  y;
  guint   first_line;
  guint   n_lines;
  double  height;
} Placement;

struct _SpReportLayout
{
  GObject       parent_instance;

  SpReport     *report;
  GThread      *thread;           /* where the fonts were looked up */
  double        page_width;
  double        page_height;
  PangoContext *pango;
  Measure      *measures;         /* one per block of the report */
  GArray       *placements;       /* Placement */
  GArray       *boxes;            /* SpReportBox */
  guint         n_pages;
  double        header_height;
  double        header_right;     /* the width of the period's side */
  PangoLayout  *header_layouts[5];
};

G_DEFINE_FINAL_TYPE (SpReportLayout, sp_report_layout, G_TYPE_OBJECT)

#define BLOCK(self, i) ((SpReportBlock *) g_ptr_array_index ((self)->report->blocks, (i)))
#define N_BLOCKS(self) ((self)->report->blocks->len)

/* Page geometry, in points */
#define MARGIN_X        44.0
#define MARGIN_TOP      46.0
#define MARGIN_BOTTOM   60.0
#define FOOTER_FROM_BOTTOM 36.0
#define HEADER_GAP      16.0      /* between the header's rule and the first section */
#define CHART_GAP       20.0      /* between two charts side by side */
#define CELL_PAD_X      4.0
#define CELL_PAD_Y      3.0
#define ICON_INDENT     14.0      /* text beside a finding's icon */
#define ROW_INDENT      10.0      /* a row that details the one above */

/* Type, in points */
#define FONT_FAMILY     "Sans"
#define TITLE_SIZE      16.0
#define PERIOD_SIZE     13.0
#define HEADING_SIZE    11.0
#define BODY_SIZE       8.5
#define TABLE_SIZE      8.0
#define SMALL_SIZE      7.0

/* Greys that print the same on any printer */
#define INK             0.08
#define SECONDARY       0.36
#define RULE            0.30
#define HAIRLINE        0.80

static void
free_layouts (PangoLayout **layouts,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    g_clear_object (&layouts[i]);
}

static void
table_free (SpReportTable *table)
{
  for (guint i = 0; i < table->n_columns; i++)
    g_free (table->titles[i]);
  g_free (table);
}

void
sp_report_block_free (gpointer data)
{
  SpReportBlock *block = data;

  g_free (block->markup);
  for (guint i = 0; i < G_N_ELEMENTS (block->cells); i++)
    g_free (block->cells[i].text);
  for (guint i = 0; i < G_N_ELEMENTS (block->charts); i++)
    {
      g_clear_pointer (&block->charts[i], sp_chart_unref);
      g_free (block->chart_titles[i]);
    }
  if (block->kind == SP_REPORT_BLOCK_TABLE_HEADER)
    table_free (block->table);
  g_free (block);
}

/* Icons: drawn, not taken from a font, so they look the same on every machine */

char *
sp_report_icon_text (SpReportIcon icon)
{
  char buf[8] = { 0 };

  if (icon == SP_REPORT_ICON_NONE)
    return g_strdup ("");

  g_unichar_to_utf8 (SP_REPORT_ICON_FIRST_CHAR + icon, buf);
  return g_strdup (buf);
}

static void
star_path (cairo_t *cr,
           double   cx,
           double   cy,
           double   r)
{
  for (int i = 0; i < 10; i++)
    {
      double a = -G_PI / 2 + i * G_PI / 5;
      double d = i % 2 == 0 ? r : r * 0.45;

      if (i == 0)
        cairo_move_to (cr, cx + d * cos (a), cy + d * sin (a));
      else
        cairo_line_to (cr, cx + d * cos (a), cy + d * sin (a));
    }
  cairo_close_path (cr);
}

/* An exclamation mark: a bar and a dot, centred on @cx */
static void
exclamation_path (cairo_t *cr,
                  double   cx,
                  double   top,
                  double   bottom,
                  double   w)
{
  double dot = w * 1.1;

  cairo_rectangle (cr, cx - w / 2, top, w, bottom - top - dot * 1.6);
  cairo_rectangle (cr, cx - dot / 2, bottom - dot, dot, dot);
}

/*
 * The status icons in black and white: excellent a star, good a tick,
 * watch a triangle with "!", act a black disc with "!", caution a ring
 * with "i", and a small triangle pointing down for "well below the team".
 * (@x, @y) is the top left corner of a @size square.
 */
void
sp_report_draw_icon (cairo_t      *cr,
                     SpReportIcon  icon,
                     double        x,
                     double        y,
                     double        size)
{
  double cx = x + size / 2;
  double cy = y + size / 2;
  double lw = MAX (size * 0.12, 0.5);

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_set_source_rgb (cr, INK, INK, INK);
  cairo_set_line_width (cr, lw);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  switch (icon)
    {
    case SP_REPORT_ICON_EXCELLENT:
      star_path (cr, cx, cy + size * 0.04, size * 0.54);
      cairo_fill (cr);
      break;

    case SP_REPORT_ICON_GOOD:
      cairo_set_line_width (cr, size * 0.17);
      cairo_move_to (cr, x + size * 0.12, y + size * 0.55);
      cairo_line_to (cr, x + size * 0.40, y + size * 0.82);
      cairo_line_to (cr, x + size * 0.90, y + size * 0.18);
      cairo_stroke (cr);
      break;

    case SP_REPORT_ICON_WATCH:
      cairo_move_to (cr, cx, y + lw);
      cairo_line_to (cr, x + size - lw / 2, y + size - lw / 2);
      cairo_line_to (cr, x + lw / 2, y + size - lw / 2);
      cairo_close_path (cr);
      cairo_stroke (cr);
      exclamation_path (cr, cx, y + size * 0.36, y + size * 0.84, size * 0.11);
      cairo_fill (cr);
      break;

    case SP_REPORT_ICON_ACT:
      cairo_arc (cr, cx, cy, size / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      exclamation_path (cr, cx, y + size * 0.2, y + size * 0.8, size * 0.13);
      cairo_fill (cr);
      break;

    case SP_REPORT_ICON_CAUTION:
      cairo_arc (cr, cx, cy, size / 2 - lw / 2, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_rectangle (cr, cx - size * 0.06, y + size * 0.42, size * 0.12, size * 0.36);
      cairo_rectangle (cr, cx - size * 0.07, y + size * 0.2, size * 0.14, size * 0.14);
      cairo_fill (cr);
      break;

    case SP_REPORT_ICON_BELOW:
      cairo_move_to (cr, x + size * 0.1, y + size * 0.3);
      cairo_line_to (cr, x + size * 0.9, y + size * 0.3);
      cairo_line_to (cr, cx, y + size * 0.95);
      cairo_close_path (cr);
      cairo_fill (cr);
      break;

    case SP_REPORT_ICON_NONE:
    default:
      break;
    }

  cairo_restore (cr);
}

/* Pango calls this where an icon's character stands, at the baseline */
static void
render_shape (cairo_t        *cr,
              PangoAttrShape *attr,
              gboolean        do_path,
              gpointer        data)
{
  double x, y;
  double size = (double) attr->logical_rect.height / PANGO_SCALE;

  if (do_path)
    return;

  cairo_get_current_point (cr, &x, &y);
  sp_report_draw_icon (cr, GPOINTER_TO_UINT (attr->data), x,
                       y + (double) attr->logical_rect.y / PANGO_SCALE, size);
}

/* Replaces each icon's character in @layout with room for its drawing */
static void
apply_icons (PangoLayout *layout,
             double       font_size)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *attrs = NULL;
  int size = (int) (font_size * 0.92 * PANGO_SCALE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      PangoRectangle rect = { 0, -size * 0.86, size, size };
      PangoAttribute *attr;

      if (c <= SP_REPORT_ICON_FIRST_CHAR || c > SP_REPORT_ICON_FIRST_CHAR + SP_REPORT_ICON_BELOW)
        continue;

      if (attrs == NULL)
        {
          attrs = pango_layout_get_attributes (layout);
          attrs = attrs ? pango_attr_list_copy (attrs) : pango_attr_list_new ();
        }

      attr = pango_attr_shape_new_with_data (&rect, &rect,
                                             GUINT_TO_POINTER (c - SP_REPORT_ICON_FIRST_CHAR),
                                             NULL, NULL);
      attr->start_index = p - text;
      attr->end_index = g_utf8_next_char (p) - text;
      pango_attr_list_insert (attrs, attr);
    }

  if (attrs != NULL)
    {
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

/* Text */

static PangoContext *
ensure_context (SpReportLayout *self)
{
  cairo_font_options_t *options;

  if (self->pango != NULL)
    return self->pango;

  /*
   * Points as units and no hinting of metrics: text measures the same on
   * paper, in a PDF and scaled down in the preview, so the layout made
   * here holds wherever the pages are drawn.
   */
  self->pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->pango, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango, FALSE);
  pango_cairo_context_set_shape_renderer (self->pango, render_shape, NULL, NULL);

  return self->pango;
}

static PangoLayout *
text_layout (SpReportLayout *self,
             double          size,
             gboolean        bold,
             gboolean        italic,
             const char     *markup,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (ensure_context (self));
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);

  pango_layout_set_markup (layout, markup ? markup : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, align);
  apply_icons (layout, size);

  return layout;
}

static PangoLayout *
plain_layout (SpReportLayout *self,
              double          size,
              gboolean        bold,
              const char     *text,
              double          width,
              PangoAlignment  align)
{
  g_autofree char *markup = g_markup_escape_text (text ? text : "", -1);

  return text_layout (self, size, bold, FALSE, markup, width, align);
}

static double
layout_height (PangoLayout *layout)
{
  int h = 0;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

static void
set_grey (cairo_t *cr,
          double   grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  set_grey (cr, grey);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
hline (cairo_t *cr,
       double   x1,
       double   x2,
       double   y,
       double   width,
       double   grey)
{
  cairo_save (cr);
  set_grey (cr, grey);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x1, y);
  cairo_line_to (cr, x2, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* Measuring */

static double
content_width (SpReportLayout *self)
{
  return self->page_width - 2 * MARGIN_X;
}

/* The width of @layout's text on one line, and of its longest word */
static void
natural_widths (PangoLayout *layout,
                double      *natural,
                double      *longest_word)
{
  g_autofree char *text = g_strdup (pango_layout_get_text (layout));
  g_auto(GStrv) words = g_regex_split_simple ("[ \n]+", text, 0, 0);
  PangoRectangle logical;
  double longest = 0;

  pango_layout_set_width (layout, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  *natural = (double) logical.width / PANGO_SCALE;

  /* word by word: a layout one unit wide would break inside a word (Pango
   * breaks a word that does not fit), and a column never should */
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      pango_layout_set_text (layout, words[i], -1);
      pango_layout_get_extents (layout, NULL, &logical);
      longest = MAX (longest, (double) logical.width / PANGO_SCALE);
    }

  pango_layout_set_text (layout, text, -1);
  *longest_word = longest;
}

/*
 * Columns as wide as their widest cell (titles may wrap at words); when
 * that is too wide, the columns that can wrap give way, down to their
 * longest word, and what is left over goes to every column alike.
 */
static void
measure_table (SpReportLayout *self,
               guint           header)
{
  SpReportTable *table = BLOCK (self, header)->table;
  Measure *m = &self->measures[header];
  double natural[8] = { 0 }, least[8] = { 0 }, word[8] = { 0 };
  double total = 0, width = content_width (self);

  for (guint i = 0; i < table->n_columns; i++)
    {
      g_autoptr(PangoLayout) title = plain_layout (self, SMALL_SIZE, TRUE, table->titles[i], 0,
                                                   table->align[i]);
      double n, w;

      natural_widths (title, &n, &w);
      natural[i] = least[i] = word[i] = w;
    }

  for (guint b = 0; b < N_BLOCKS (self); b++)
    {
      SpReportBlock *block = BLOCK (self, b);

      if (block->kind != SP_REPORT_BLOCK_TABLE_ROW || block->table != table)
        continue;

      for (guint i = 0; i < table->n_columns; i++)
        {
          g_autoptr(PangoLayout) cell = plain_layout (self, TABLE_SIZE, block->bold,
                                                      block->cells[i].text, 0, table->align[i]);
          double n, w;

          natural_widths (cell, &n, &w);
          if (i == 0 && block->indent)
            n += ROW_INDENT, w += ROW_INDENT;
          natural[i] = MAX (natural[i], n);
          least[i] = MAX (least[i], table->shrink[i] > 0 ? w : n);
          word[i] = MAX (word[i], w);
        }
    }

  for (guint i = 0; i < table->n_columns; i++)
    {
      natural[i] += 2 * CELL_PAD_X + 1;
      least[i] += 2 * CELL_PAD_X + 1;
      word[i] += 2 * CELL_PAD_X + 1;
      m->widths[i] = natural[i];
      total += natural[i];
    }

  /* too wide: the columns that can wrap give way, each in proportion to what
   * it can give (twice as readily when made to wrap), never below its
   * longest word; long words in another language make this the usual case */
  while (total > width + 0.01)
    {
      double weight = 0, excess = total - width;

      for (guint i = 0; i < table->n_columns; i++)
        {
          double floor = table->shrink[i] > 0 ? least[i] : word[i];

          weight += MAX (0, m->widths[i] - floor) * (table->shrink[i] > 0 ? 2 : 1);
        }
      if (weight < 0.01)
        break;

      for (guint i = 0; i < table->n_columns; i++)
        {
          double floor = table->shrink[i] > 0 ? least[i] : word[i];
          double give = MAX (0, m->widths[i] - floor);
          double cut = MIN (excess * give * (table->shrink[i] > 0 ? 2 : 1) / weight, give);

          m->widths[i] -= cut;
          total -= cut;
        }
    }

  /* room to spare, or too little even so: every column alike */
  for (guint i = 0; i < table->n_columns; i++)
    m->widths[i] += (width - total) / table->n_columns;

  for (guint i = 0; i < table->n_columns; i++)
    {
      g_clear_object (&m->layouts[i]);
      m->layouts[i] = plain_layout (self, SMALL_SIZE, TRUE, table->titles[i],
                                    m->widths[i] - 2 * CELL_PAD_X, table->align[i]);
    }
}

static void
measure_text_lines (Measure *m)
{
  PangoLayoutIter *iter;
  guint i = 0;

  m->n_lines = pango_layout_get_line_count (m->layout);
  m->line_top = g_new0 (double, m->n_lines + 1);

  iter = pango_layout_get_iter (m->layout);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      m->line_top[i] = (double) y0 / PANGO_SCALE;
      m->line_top[i + 1] = (double) y1 / PANGO_SCALE;
      i++;
    }
  while (i < m->n_lines && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
measure_block (SpReportLayout *self,
               guint           index)
{
  SpReportBlock *block = BLOCK (self, index);
  Measure *m = &self->measures[index];
  double width = content_width (self);

  switch (block->kind)
    {
    case SP_REPORT_BLOCK_HEADING:
      m->layout = text_layout (self, HEADING_SIZE, TRUE, FALSE, block->markup, width,
                               PANGO_ALIGN_LEFT);
      m->height = layout_height (m->layout) + 5;
      break;

    case SP_REPORT_BLOCK_TEXT:
      {
        double size = block->style == SP_REPORT_TEXT_BODY ? BODY_SIZE : SMALL_SIZE + 0.5;
        double indent = block->icon != SP_REPORT_ICON_NONE ? ICON_INDENT : 0;

        m->layout = text_layout (self, size, FALSE, block->style == SP_REPORT_TEXT_EMPTY,
                                 block->markup, width - indent, PANGO_ALIGN_LEFT);
        if (block->style == SP_REPORT_TEXT_BODY)
          pango_layout_set_spacing (m->layout, (int) (1.5 * PANGO_SCALE));
        measure_text_lines (m);
        m->height = m->line_top[m->n_lines];
      }
      break;

    case SP_REPORT_BLOCK_TABLE_HEADER:
      measure_table (self, index);
      for (guint i = 0; i < block->table->n_columns; i++)
        m->height = MAX (m->height, layout_height (m->layouts[i]));
      m->height += 2 * CELL_PAD_Y + 1;
      break;

    case SP_REPORT_BLOCK_TABLE_ROW:
      {
        /* the header comes first, so its columns are measured by now */
        Measure *header = &self->measures[m->header];

        for (guint i = 0; i < block->table->n_columns; i++)
          {
            double indent = i == 0 && block->indent ? ROW_INDENT : 0;

            m->layouts[i] = plain_layout (self, TABLE_SIZE, block->bold, block->cells[i].text,
                                          header->widths[i] - 2 * CELL_PAD_X - indent,
                                          block->table->align[i]);
            m->height = MAX (m->height, layout_height (m->layouts[i]));
          }
        m->height += 2 * CELL_PAD_Y;
      }
      break;

    case SP_REPORT_BLOCK_CHARTS:
      {
        double title = 0;
        double w = (width - (block->n_charts - 1) * CHART_GAP) / block->n_charts;

        for (guint i = 0; i < block->n_charts; i++)
          if (block->chart_titles[i] != NULL)
            {
              m->layouts[i] = plain_layout (self, BODY_SIZE, TRUE, block->chart_titles[i], w,
                                            PANGO_ALIGN_LEFT);
              title = MAX (title, layout_height (m->layouts[i]) + 4);
            }
        m->height = title + block->chart_height;
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* The header of the first page: logo, shop, period, date printed */

#define LOGO_MAX_HEIGHT 44.0
#define LOGO_MAX_WIDTH  110.0

static void
logo_size (SpReportLayout *self,
           double   *width,
           double   *height)
{
  double w, h, scale;

  *width = *height = 0;
  if (self->report->logo == NULL)
    return;

  w = cairo_image_surface_get_width (self->report->logo);
  h = cairo_image_surface_get_height (self->report->logo);
  scale = MIN (LOGO_MAX_HEIGHT / h, LOGO_MAX_WIDTH / w);
  *width = w * scale;
  *height = h * scale;
}

/* The width of @layout's longest line, unwrapped */
static double
natural_width (PangoLayout *layout)
{
  PangoRectangle logical;
  int width = pango_layout_get_width (layout);

  pango_layout_set_width (layout, -1);
  pango_layout_get_extents (layout, NULL, &logical);
  pango_layout_set_width (layout, width);
  return (double) logical.width / PANGO_SCALE;
}

static void
measure_header (SpReportLayout *self)
{
  double width = content_width (self);
  double logo_w, logo_h, left, right, right_w = 0;
  g_autofree char *printed = NULL;
  g_autofree char *printed_on = NULL;

  logo_size (self, &logo_w, &logo_h);

  /* the period on the right as wide as it needs (at most half), the shop the rest */
  printed_on = sp_date_format_long (self->report->printed_on);
  /* TRANSLATORS: in the report's header, the day it was printed */
  printed = g_strdup_printf (_("Printed on %s"), printed_on);
  self->header_layouts[2] = plain_layout (self, PERIOD_SIZE, TRUE, self->report->period_title, 0,
                                          PANGO_ALIGN_RIGHT);
  self->header_layouts[3] = plain_layout (self, SMALL_SIZE + 0.5, FALSE,
                                          self->report->period_detail, 0, PANGO_ALIGN_RIGHT);
  self->header_layouts[4] = plain_layout (self, SMALL_SIZE + 0.5, FALSE, printed, 0,
                                          PANGO_ALIGN_RIGHT);
  for (guint i = 2; i < 5; i++)
    right_w = MAX (right_w, natural_width (self->header_layouts[i]));
  self->header_right = MIN (ceil (right_w) + 1, width * 0.5);
  for (guint i = 2; i < 5; i++)
    {
      pango_layout_set_width (self->header_layouts[i], (int) (self->header_right * PANGO_SCALE));
      pango_layout_set_wrap (self->header_layouts[i], PANGO_WRAP_WORD_CHAR);
    }

  /* a long name gets a smaller size before it takes two lines */
  for (double size = TITLE_SIZE; size >= TITLE_SIZE - 4; size -= 1)
    {
      g_clear_object (&self->header_layouts[0]);
      self->header_layouts[0] = plain_layout (self, size, TRUE,
                                              self->report->shop_name
                                              ? self->report->shop_name
                                                              : _("Customer service report"),
                                              width - self->header_right - 18 -
                                              (logo_w ? logo_w + 12 : 0),
                                              PANGO_ALIGN_LEFT);
      if (pango_layout_get_line_count (self->header_layouts[0]) == 1)
        break;
    }
  if (self->report->shop_name != NULL)
    self->header_layouts[1] = plain_layout (self, BODY_SIZE, FALSE,
                                            _("Customer service report"), 0, PANGO_ALIGN_LEFT);

  left = layout_height (self->header_layouts[0]) +
         (self->header_layouts[1] ? 2 + layout_height (self->header_layouts[1]) : 0);
  left = MAX (left, logo_h);
  right = layout_height (self->header_layouts[2]) + 2 +
          layout_height (self->header_layouts[3]) + 1 +
          layout_height (self->header_layouts[4]);

  self->header_height = MAX (left, right) + 8 + HEADER_GAP;
}

static void
draw_header (SpReportLayout *self,
             cairo_t        *cr)
{
  double width = content_width (self);
  double x = MARGIN_X, y = MARGIN_TOP;
  double logo_w, logo_h, right_x = MARGIN_X + width - self->header_right;
  double rule_y = MARGIN_TOP + self->header_height - HEADER_GAP;

  logo_size (self, &logo_w, &logo_h);
  if (self->report->logo != NULL)
    {
      double scale = logo_w / cairo_image_surface_get_width (self->report->logo);

      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->report->logo, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
      cairo_paint (cr);
      cairo_restore (cr);
      x += logo_w + 12;
    }

  show_layout (cr, self->header_layouts[0], x, y, INK);
  if (self->header_layouts[1] != NULL)
    show_layout (cr, self->header_layouts[1], x,
                 y + layout_height (self->header_layouts[0]) + 2, SECONDARY);

  show_layout (cr, self->header_layouts[2], right_x, y, INK);
  y += layout_height (self->header_layouts[2]) + 2;
  show_layout (cr, self->header_layouts[3], right_x, y, SECONDARY);
  y += layout_height (self->header_layouts[3]) + 1;
  show_layout (cr, self->header_layouts[4], right_x, y, SECONDARY);

  hline (cr, MARGIN_X, MARGIN_X + width, rule_y, 1.0, INK);
}

static void
draw_footer (SpReportLayout *self,
             cairo_t        *cr,
             guint           page)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *title = sp_report_dup_title (self->report);
  g_autofree char *number = NULL;
  double width = content_width (self);
  double y = self->page_height - FOOTER_FROM_BOTTOM;

  /* TRANSLATORS: the page number at the foot of each page of a report */
  number = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  left = plain_layout (self, SMALL_SIZE, FALSE, title, width * 0.7, PANGO_ALIGN_LEFT);
  right = plain_layout (self, SMALL_SIZE, FALSE, number, width * 0.3, PANGO_ALIGN_RIGHT);

  hline (cr, MARGIN_X, MARGIN_X + width, y - 5, 0.4, HAIRLINE - 0.2);
  show_layout (cr, left, MARGIN_X, y, SECONDARY);
  show_layout (cr, right, MARGIN_X + width * 0.7, y, SECONDARY);
}

/* Pagination */

/* Everything a layout holds belongs to the thread that made it */
static gboolean
on_own_thread (SpReportLayout *self)
{
  if (self->thread == g_thread_self ())
    return TRUE;

  g_critical ("A report's layout is used on a thread other than the one that made it");
  return FALSE;
}

void
sp_report_layout_get_content_area (SpReportLayout    *self,
                                   guint              page,
                                   cairo_rectangle_t *area)
{
  g_return_if_fail (SP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (area != NULL);

  area->x = MARGIN_X;
  area->y = MARGIN_TOP + (page == 0 ? self->header_height : 0);
  area->width = content_width (self);
  area->height = self->page_height - MARGIN_BOTTOM - area->y;
}

static double
content_top (SpReportLayout *self,
             guint           page)
{
  return MARGIN_TOP + (page == 0 ? self->header_height : 0);
}

static double
content_bottom (SpReportLayout *self)
{
  return self->page_height - MARGIN_BOTTOM;
}

/* The least of a block that may start a page: two lines of a paragraph, else all of it */
static double
min_height (SpReportLayout *self,
            guint           i)
{
  Measure *m = &self->measures[i];

  if (BLOCK (self, i)->kind == SP_REPORT_BLOCK_TEXT && m->n_lines > 2)
    return m->line_top[2];
  return m->height;
}

/* What must fit with block @i on its page: the blocks it keeps with */
static double
kept_height (SpReportLayout *self,
             guint           i)
{
  SpReportBlock *next;

  if (!BLOCK (self, i)->keep_with_next || i + 1 >= N_BLOCKS (self))
    return 0;

  next = BLOCK (self, i + 1);
  if (next->keep_with_next)
    return next->space_before + self->measures[i + 1].height + kept_height (self, i + 1);
  return next->space_before + min_height (self, i + 1);
}

static SpReportBoxKind
box_kind (SpReportBlock *block)
{
  switch (block->kind)
    {
    case SP_REPORT_BLOCK_HEADING:
      return SP_REPORT_BOX_HEADING;
    case SP_REPORT_BLOCK_TABLE_HEADER:
      return SP_REPORT_BOX_TABLE_HEADER;
    case SP_REPORT_BLOCK_TABLE_ROW:
      return SP_REPORT_BOX_TABLE_ROW;
    case SP_REPORT_BLOCK_CHARTS:
      return SP_REPORT_BOX_CHARTS;
    case SP_REPORT_BLOCK_TEXT:
    default:
      return block->empty ? SP_REPORT_BOX_EMPTY : SP_REPORT_BOX_TEXT;
    }
}

static void
place (SpReportLayout *self,
       guint           index,
       guint           page,
       double          y,
       guint           first_line,
       guint           n_lines)
{
  SpReportBlock *block = BLOCK (self, index);
  Measure *m = &self->measures[index];
  Placement p = { index, page, y, first_line, n_lines, m->height };
  SpReportBox box = { box_kind (block), block->section, page, block->row,
                      { MARGIN_X, y, content_width (self), m->height } };

  if (block->kind == SP_REPORT_BLOCK_TEXT)
    p.height = box.area.height = m->line_top[first_line + n_lines] - m->line_top[first_line];

  g_array_append_val (self->placements, p);
  g_array_append_val (self->boxes, box);
}

static guint
find_table_header (SpReportLayout *self,
                   SpReportTable  *table)
{
  for (guint i = 0; i < N_BLOCKS (self); i++)
    {
      SpReportBlock *block = BLOCK (self, i);

      if (block->kind == SP_REPORT_BLOCK_TABLE_HEADER && block->table == table)
        return i;
    }
  g_assert_not_reached ();
}

static void
paginate (SpReportLayout *self)
{
  guint page = 0;
  double y, bottom;

  self->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (SpReportBox));
  self->measures = g_new0 (Measure, N_BLOCKS (self));

  for (guint i = 0, header = 0; i < N_BLOCKS (self); i++)
    {
      if (BLOCK (self, i)->kind == SP_REPORT_BLOCK_TABLE_HEADER)
        header = i;
      else if (BLOCK (self, i)->kind == SP_REPORT_BLOCK_TABLE_ROW)
        self->measures[i].header = BLOCK (self, header)->table == BLOCK (self, i)->table
                                   ? header : find_table_header (self, BLOCK (self, i)->table);
    }

  measure_header (self);
  for (guint i = 0; i < N_BLOCKS (self); i++)
    measure_block (self, i);

  {
    SpReportBox header = { SP_REPORT_BOX_HEADER, 0, 0, -1,
                           { MARGIN_X, MARGIN_TOP, content_width (self),
                             self->header_height - HEADER_GAP } };

    g_array_append_val (self->boxes, header);
  }

  y = content_top (self, 0);
  bottom = content_bottom (self);

  for (guint i = 0; i < N_BLOCKS (self); i++)
    {
      SpReportBlock *block = BLOCK (self, i);
      Measure *m = &self->measures[i];
      gboolean at_top = y <= content_top (self, page);
      double gap = at_top ? 0 : block->space_before;

      if (block->kind == SP_REPORT_BLOCK_TEXT)
        {
          guint line = 0;

          /* a paragraph breaks between lines, leaving no line alone at either end */
          while (line < m->n_lines)
            {
              guint left = m->n_lines - line;
              guint fit = 0;

              while (fit < left &&
                     y + gap + m->line_top[line + fit + 1] - m->line_top[line] <= bottom)
                fit++;
              if (fit < left && fit + 1 == left && fit > 1)
                fit--;
              if (line == 0 && fit == left && kept_height (self, i) > 0 &&
                  y + gap + m->height + kept_height (self, i) > bottom && !at_top)
                fit = 0;

              if ((fit == 0 || (fit < MIN (2, left))) && !at_top)
                {
                  page++;
                  y = content_top (self, page);
                  gap = 0;
                  at_top = TRUE;
                  continue;
                }
              fit = MAX (fit, 1);

              place (self, i, page, y + gap, line, fit);
              y += gap + m->line_top[line + fit] - m->line_top[line];
              line += fit;
              gap = 0;

              if (line < m->n_lines)
                {
                  page++;
                  y = content_top (self, page);
                  at_top = TRUE;
                }
            }
          continue;
        }

      if (!at_top && y + gap + m->height + kept_height (self, i) > bottom)
        {
          page++;
          y = content_top (self, page);
          gap = 0;

          /* a table goes on under its header again */
          if (block->kind == SP_REPORT_BLOCK_TABLE_ROW && block->row > 0)
            {
              place (self, m->header, page, y, 0, 0);
              y += self->measures[m->header].height;
            }
        }

      place (self, i, page, y + gap, 0, 0);
      y += gap + m->height;
    }

  self->n_pages = page + 1;
}

SpReportLayout *
sp_report_layout_new (SpReport *report,
                      double    width,
                      double    height)
{
  SpReportLayout *self;

  g_return_val_if_fail (SP_IS_REPORT (report), NULL);
  g_return_val_if_fail (sp_report_is_loaded (report), NULL);
  g_return_val_if_fail (width >= 200 && height >= 200, NULL);

  self = g_object_new (SP_TYPE_REPORT_LAYOUT, NULL);
  self->report = g_object_ref (report);
  self->thread = g_thread_self ();
  self->page_width = width;
  self->page_height = height;
  paginate (self);
  return self;
}

SpReport *
sp_report_layout_get_report (SpReportLayout *self)
{
  g_return_val_if_fail (SP_IS_REPORT_LAYOUT (self), NULL);
  return self->report;
}

guint
sp_report_layout_get_n_pages (SpReportLayout *self)
{
  g_return_val_if_fail (SP_IS_REPORT_LAYOUT (self), 0);
  return self->n_pages;
}

void
sp_report_layout_get_page_size (SpReportLayout *self,
                                double         *width,
                                double         *height)
{
  g_return_if_fail (SP_IS_REPORT_LAYOUT (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

const SpReportBox *
sp_report_layout_get_boxes (SpReportLayout *self,
                            guint          *n_boxes)
{
  g_return_val_if_fail (SP_IS_REPORT_LAYOUT (self), NULL);
  g_return_val_if_fail (n_boxes != NULL, NULL);

  *n_boxes = self->boxes->len;
  return (const SpReportBox *) (gpointer) self->boxes->data;
}

/* Drawing */

static void
draw_text_lines (cairo_t *cr,
                 Measure *m,
                 double   x,
                 double   y,
                 guint    first,
                 guint    n)
{
  PangoLayoutIter *iter = pango_layout_get_iter (m->layout);
  guint i = 0;

  do
    {
      if (i >= first && i < first + n)
        {
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) baseline / PANGO_SCALE - m->line_top[first]);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      i++;
    }
  while (i < first + n && pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

static void
draw_text (SpReportLayout *self,
           cairo_t        *cr,
           Placement      *p)
{
  SpReportBlock *block = BLOCK (self, p->block);
  Measure *m = &self->measures[p->block];
  double x = MARGIN_X;

  if (block->icon != SP_REPORT_ICON_NONE)
    {
      if (p->first_line == 0)
        {
          PangoLayoutIter *iter = pango_layout_get_iter (m->layout);
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
          double size = BODY_SIZE * 1.05;

          pango_layout_iter_free (iter);
          sp_report_draw_icon (cr, block->icon, x, p->y + baseline - size * 0.88, size);
        }
      x += ICON_INDENT;
    }

  set_grey (cr, block->style == SP_REPORT_TEXT_BODY ? INK : SECONDARY);
  draw_text_lines (cr, m, x, p->y, p->first_line, p->n_lines);
}

static void
draw_table_header (SpReportLayout *self,
                   cairo_t        *cr,
                   guint           index,
                   double          y)
{
  SpReportTable *table = BLOCK (self, index)->table;
  Measure *m = &self->measures[index];
  double x = MARGIN_X;

  for (guint i = 0; i < table->n_columns; i++)
    {
      show_layout (cr, m->layouts[i], x + CELL_PAD_X,
                   y + m->height - 1 - CELL_PAD_Y - layout_height (m->layouts[i]), SECONDARY);
      x += m->widths[i];
    }

  hline (cr, MARGIN_X, MARGIN_X + content_width (self), y + m->height - 0.5, 0.8, RULE);
}

static void
draw_table_row (SpReportLayout *self,
                cairo_t        *cr,
                guint           index,
                double          y)
{
  SpReportBlock *block = BLOCK (self, index);
  SpReportTable *table = block->table;
  Measure *m = &self->measures[index];
  Measure *header = &self->measures[m->header];
  double x = MARGIN_X;

  if (block->rule_above)
    hline (cr, MARGIN_X, MARGIN_X + content_width (self), y, 0.8, RULE);

  for (guint i = 0; i < table->n_columns; i++)
    {
      SpReportCell *cell = &block->cells[i];

      double indent = i == 0 && block->indent ? ROW_INDENT : 0;

      show_layout (cr, m->layouts[i], x + CELL_PAD_X + indent, y + CELL_PAD_Y,
                   cell->secondary ? SECONDARY : INK);
      x += header->widths[i];
    }

  hline (cr, MARGIN_X, MARGIN_X + content_width (self), y + m->height, 0.35, HAIRLINE);
}

static void
draw_charts (SpReportLayout *self,
             cairo_t        *cr,
             guint           index,
             double          y)
{
  SpReportBlock *block = BLOCK (self, index);
  Measure *m = &self->measures[index];
  SpChartStyle style;
  double w = (content_width (self) - (block->n_charts - 1) * CHART_GAP) / block->n_charts;
  double title = 0, highest = 0;
  double plot_top[2] = { NAN, NAN };

  sp_chart_style_init_print (&style);
  /* plain bars in a mid grey: black ones weigh more than what they say */
  style.accent = (SpColor) { 0.42, 0.42, 0.42, 1 };

  for (guint i = 0; i < block->n_charts; i++)
    if (m->layouts[i] != NULL)
      title = MAX (title, layout_height (m->layouts[i]) + 4);

  /*
   * Side by side, the plots line up: a chart with a shorter legend starts
   * lower, by the difference, so both plots share their top and bottom.
   */
  if (block->n_charts > 1)
    {
      for (guint i = 0; i < block->n_charts; i++)
        {
          cairo_surface_t *scratch = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                                     NULL);
          cairo_t *scratch_cr = cairo_create (scratch);
          SpChartLayout *layout = sp_chart_draw (block->charts[i], scratch_cr, w,
                                                 block->chart_height, &style, NULL);

          plot_top[i] = layout->empty ? NAN : layout->plot.y;
          if (!layout->empty)
            highest = MAX (highest, layout->plot.y);
          sp_chart_layout_free (layout);
          cairo_destroy (scratch_cr);
          cairo_surface_destroy (scratch);
        }
    }

  for (guint i = 0; i < block->n_charts; i++)
    {
      double x = MARGIN_X + i * (w + CHART_GAP);
      double drop = isfinite (plot_top[i]) ? highest - plot_top[i] : 0;

      if (m->layouts[i] != NULL)
        show_layout (cr, m->layouts[i], x, y, INK);

      cairo_save (cr);
      cairo_translate (cr, x, y + title + drop);
      sp_chart_layout_free (sp_chart_draw (block->charts[i], cr, w, block->chart_height - drop,
                                           &style, NULL));
      cairo_restore (cr);
    }
}

static void
draw_heading (SpReportLayout *self,
              cairo_t        *cr,
              guint           index,
              double          y)
{
  Measure *m = &self->measures[index];

  show_layout (cr, m->layout, MARGIN_X, y, INK);
  hline (cr, MARGIN_X, MARGIN_X + content_width (self), y + m->height - 1.5, 0.5, HAIRLINE);
}

void
sp_report_layout_draw_page (SpReportLayout *self,
                            cairo_t        *cr,
                            guint           page)
{
  g_return_if_fail (SP_IS_REPORT_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);
  g_return_if_fail (on_own_thread (self));

  cairo_save (cr);

  if (page == 0)
    draw_header (self, cr);

  for (guint i = 0; i < self->placements->len; i++)
    {
      Placement *p = &g_array_index (self->placements, Placement, i);

      if (p->page != page)
        continue;

      switch (BLOCK (self, p->block)->kind)
        {
        case SP_REPORT_BLOCK_HEADING:
          draw_heading (self, cr, p->block, p->y);
          break;
        case SP_REPORT_BLOCK_TEXT:
          draw_text (self, cr, p);
          break;
        case SP_REPORT_BLOCK_TABLE_HEADER:
          draw_table_header (self, cr, p->block, p->y);
          break;
        case SP_REPORT_BLOCK_TABLE_ROW:
          draw_table_row (self, cr, p->block, p->y);
          break;
        case SP_REPORT_BLOCK_CHARTS:
          draw_charts (self, cr, p->block, p->y);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/* PDF */

static cairo_status_t
write_pdf (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  FILE *stream = closure;

  if (fwrite (data, 1, length, stream) != length)
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/*
 * Draws every page into a hidden file beside @path and renames it over
 * @path once it is complete (sp-export-file.c), so that a failure leaves no
 * half-written PDF.
 */
gboolean
sp_report_layout_write_pdf (SpReportLayout  *self,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(SpExportFile) file = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SP_IS_REPORT_LAYOUT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (on_own_thread (self), FALSE);

  /* readable only by the user, as the database and its backups: it names staff and figures */
  if (!(file = sp_export_file_new (path, error)))
    return FALSE;

  surface = cairo_pdf_surface_create_for_stream (write_pdf, sp_export_file_get_stream (file),
                                                 self->page_width, self->page_height);
  title = sp_report_dup_title (self->report);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);

  cr = cairo_create (surface);
  for (guint page = 0; page < self->n_pages; page++)
    {
      sp_report_layout_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* a failed write shows in the stream's error flag, reported by the commit */
  if (status != CAIRO_STATUS_SUCCESS && status != CAIRO_STATUS_WRITE_ERROR)
    {
      g_set_error (error, SP_ERROR, SP_ERROR_FAILED,
                   /* TRANSLATORS: %s is cairo's reason */
                   _("The report could not be drawn: %s."), cairo_status_to_string (status));
      return FALSE;
    }

  if (status == CAIRO_STATUS_WRITE_ERROR && !ferror (sp_export_file_get_stream (file)))
    {
      sp_export_set_file_error (error, EIO, path);
      return FALSE;
    }

  return sp_export_file_commit (file, error);
}

/* Saving on a worker */

typedef struct
{
  SpReport *report;
  double    width;
  double    height;
  char     *path;
} Save;

static void
save_free (gpointer data)
{
  Save *save = data;

  g_clear_object (&save->report);
  g_free (save->path);
  g_free (save);
}

static gboolean
save_thread (SpWorker      *worker,
             SpStore       *no_store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Save *save = data;
  g_autoptr(SpReportLayout) layout = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  layout = sp_report_layout_new (save->report, save->width, save->height);
  return sp_report_layout_write_pdf (layout, save->path, error);
}

void
sp_report_layout_save_pdf_async (SpReport            *report,
                                 double               width,
                                 double               height,
                                 const char          *path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Save *save;

  g_return_if_fail (SP_IS_REPORT (report));
  g_return_if_fail (sp_report_is_loaded (report));
  g_return_if_fail (width >= 200 && height >= 200);
  g_return_if_fail (path != NULL);

  save = g_new0 (Save, 1);
  save->report = g_object_ref (report);
  save->width = width;
  save->height = height;
  save->path = g_strdup (path);
  sp_worker_run_async (NULL, NULL, SP_WORKER_DEFAULT, save_thread, save, save_free,
                       cancellable, callback, user_data);
}

gboolean
sp_report_layout_save_pdf_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return sp_worker_run_finish (result, NULL, error);
}

static void
sp_report_layout_finalize (GObject *object)
{
  SpReportLayout *self = SP_REPORT_LAYOUT (object);

  /* fonts looked up on one thread and let go of on another race with that thread's lookups */
  if (self->thread != g_thread_self ())
    g_critical ("A report's layout is let go of on a thread other than the one that made it");

  for (guint i = 0; self->measures != NULL && i < N_BLOCKS (self); i++)
    {
      Measure *m = &self->measures[i];

      g_clear_object (&m->layout);
      free_layouts (m->layouts, G_N_ELEMENTS (m->layouts));
      g_free (m->line_top);
    }
  g_clear_pointer (&self->measures, g_free);
  free_layouts (self->header_layouts, G_N_ELEMENTS (self->header_layouts));
  g_clear_pointer (&self->placements, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_object (&self->pango);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (sp_report_layout_parent_class)->finalize (object);
}

static void
sp_report_layout_class_init (SpReportLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_report_layout_finalize;
}

static void
sp_report_layout_init (SpReportLayout *self)
{
}

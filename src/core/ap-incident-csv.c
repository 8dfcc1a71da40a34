/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ap-incident-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ap-incident-csv.h"

/* The incident list as CSV for spreadsheets: RFC 4180 (CRLF line ends, a header row,
 * fields quoted when they hold a comma, a quote, CR or LF, with quotes doubled), UTF-8
 * as stored. */

/**
 * ap_csv_append_field:
 *
 * Appends @value (NULL is an empty field) to @out as one RFC 4180 field.
 */
void
ap_csv_append_field (GString    *out,
                     const char *value)
{
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_row (GString            *out,
            const char * const *fields,
            guint               n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      ap_csv_append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

static void
append_incident (GString    *out,
                 ApPlan     *plan,
                 ApIncident *incident)
{
  ApCategory *category = ap_row_list_lookup (ap_plan_get_categories (plan),
                                             ap_incident_get_category_id (incident));
  g_autofree char *occurrences = NULL;
  g_autofree char *anecdotes = NULL;
  const char *fields[7];

  if (ap_incident_get_occurrences (incident) >= 0)
    occurrences = g_strdup_printf ("%" G_GINT64_FORMAT, ap_incident_get_occurrences (incident));
  anecdotes = g_strdup_printf ("%" G_GINT64_FORMAT, ap_incident_get_n_anecdotes (incident));
  fields[0] = ap_incident_get_title (incident);
  fields[1] = category != NULL ? ap_category_get_name (category) : NULL;
  fields[2] = occurrences;
  fields[3] = anecdotes;
  fields[4] = ap_incident_get_last_seen (incident);
  fields[5] = ap_incident_get_status (incident);
  fields[6] = ap_incident_get_tickets (incident);
  append_row (out, fields, G_N_ELEMENTS (fields));
}

/**
 * ap_incident_csv_format:
 * @ids: incident row ids, in the order wanted
 *
 * Returns: (transfer full): the CSV text, a header row first
 */
char *
ap_incident_csv_format (ApPlan       *plan,
                        const gint64 *ids,
                        guint         n_ids)
{
  const char *header[] = {
    _("Issue"), _("Category"), _("Occurrences"), _("Anecdotes"),
    _("Last Seen"), _("Status"), _("Tickets"),
  };
  ApRowList *incidents;
  GString *out;

  g_return_val_if_fail (AP_IS_PLAN (plan), NULL);
  incidents = ap_plan_get_incidents (plan);
  out = g_string_new (NULL);
  append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < n_ids; i++)
    {
      ApIncident *incident = ap_row_list_lookup (incidents, ids[i]);

      if (incident != NULL)
        append_incident (out, plan, incident);
    }
  return g_string_free (out, FALSE);
}

/**
 * ap_incident_csv_write:
 *
 * Writes the CSV of @ids to @path, replacing it whole or not at all.
 */
gboolean
ap_incident_csv_write (ApPlan        *plan,
                       const gint64  *ids,
                       guint          n_ids,
                       const char    *path,
                       GError       **error)
{
  g_autofree char *csv = ap_incident_csv_format (plan, ids, n_ids);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666, error);
}

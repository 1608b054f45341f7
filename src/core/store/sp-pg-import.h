/* sp-pg-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-import.h"
#include "sp-pg-connection.h"

G_BEGIN_DECLS

gboolean  sp_pg_import_file  (SpPgConnection  *conn,
                              SpImportKind     kind,
                              const char      *path,
                              guint           *n_imported,
                              GError         **error);

G_END_DECLS

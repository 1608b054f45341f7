/* sp-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SP_ERROR (sp_error_quark ())

typedef enum
{
  SP_ERROR_FAILED,
  SP_ERROR_INVALID,        /* a value breaks a rule of KPI-SPEC §1 */
  SP_ERROR_NOT_FOUND,      /* the record no longer exists */
  SP_ERROR_DUPLICATE,      /* a name or key already exists */
  SP_ERROR_NOT_DATABASE,   /* the file is not a Service Pulse database */
  SP_ERROR_CORRUPT,        /* the database is damaged */
  SP_ERROR_TOO_NEW,        /* written by a newer version of the app */
  SP_ERROR_READ_ONLY,      /* the file or its folder can't be written */
  SP_ERROR_BUSY,           /* another program holds the database */
  SP_ERROR_NO_SPACE,       /* the disk is full */
  SP_ERROR_IO,             /* a file could not be read or written */
  SP_ERROR_USAGE,          /* a command-line usage error */
  SP_ERROR_CHANGED,        /* someone else changed the record since it was read */
  SP_ERROR_NOT_ALLOWED,    /* the login's role (staff) may not do this */
  SP_ERROR_OFFLINE,        /* the shop's server can't be reached */
  SP_ERROR_NEEDS_PASSWORD, /* the shop's server asks for a password none was given for */
} SpError;

GQuark sp_error_quark (void);

G_END_DECLS

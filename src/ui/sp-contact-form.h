/* sp-contact-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sp-form.h"

G_BEGIN_DECLS

#define SP_TYPE_CONTACT_FORM (sp_contact_form_get_type ())

G_DECLARE_FINAL_TYPE (SpContactForm, sp_contact_form, SP, CONTACT_FORM, SpForm)

SpContactForm *sp_contact_form_new (SpStore   *store,
                                    SpContact *contact);

G_END_DECLS

/* sp-undo-history.c
 *
 * The changes made to contacts and survey answers, newest last, each with
 * what is needed to take it back through the store: the id of a record
 * added, the record as it was before an edit or a delete.  Undoing one
 * says what it undid.  A change undone out of turn (a toast's Undo) takes
 * the later changes of the same record with it, since they were made on
 * top of it and can no longer be taken back on their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sp-undo-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sp-contact.h"
#include "sp-error.h"
#include "sp-survey.h"
#include "sp-undo-history.h"

typedef struct
{
  guint         serial;
  SpUndoChange  change;
  GObject      *record;   /* an SpContact or an SpSurvey, a copy of its own */
  gint64        expected; /* %SP_UNDO_EDITED: the stored revision the user's change left */
} Step;

struct _SpUndoHistory
{
  GObject    parent_instance;

  SpStore   *store;
  GQueue     steps;       /* of Step, oldest first */
  guint      last_serial;
};

G_DEFINE_FINAL_TYPE (SpUndoHistory, sp_undo_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_STEPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_free (Step *step)
{
  g_clear_object (&step->record);
  g_free (step);
}

static gint64
record_id (GObject *record)
{
  return SP_IS_CONTACT (record) ? SP_CONTACT (record)->id : SP_SURVEY (record)->id;
}

static gboolean
same_record (GObject *a,
             GObject *b)
{
  return G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b) && record_id (a) == record_id (b);
}

/* Whose record it is, as the Log shows it */
static char *
dup_whose (GObject *record)
{
  if (SP_IS_CONTACT (record))
    {
      SpContact *c = SP_CONTACT (record);

      return g_strdup (c->customer_name != NULL ? c->customer_name
                                                : C_("customer", "Walk-in"));
    }
  else
    {
      SpSurvey *s = SP_SURVEY (record);

      if (s->customer_name != NULL)
        return g_strdup (s->customer_name);
      return g_strdup (sp_survey_kind_get_short_label (s->kind));
    }
}

static char *
describe (const Step *step)
{
  g_autofree char *whose = dup_whose (step->record);

  /* walk-in only for one who came in; a call or a message without a name is not */
  if (SP_IS_CONTACT (step->record) && SP_CONTACT (step->record)->customer_name == NULL &&
      SP_CONTACT (step->record)->channel == SP_CHANNEL_IN_PERSON)
    {
      switch (step->change)
        {
        case SP_UNDO_ADDED:
          return g_strdup (_("Logging the walk-in contact undone"));
        case SP_UNDO_EDITED:
          return g_strdup (_("Changes to the walk-in contact undone"));
        case SP_UNDO_DELETED:
        default:
          return g_strdup (_("Walk-in contact put back"));
        }
    }

  if (SP_IS_CONTACT (step->record) && SP_CONTACT (step->record)->customer_name == NULL)
    {
      switch (step->change)
        {
        case SP_UNDO_ADDED:
          return g_strdup (_("Logging the contact without a customer undone"));
        case SP_UNDO_EDITED:
          return g_strdup (_("Changes to the contact without a customer undone"));
        case SP_UNDO_DELETED:
        default:
          return g_strdup (_("Contact without a customer put back"));
        }
    }

  if (SP_IS_CONTACT (step->record))
    {
      switch (step->change)
        {
        case SP_UNDO_ADDED:
          /* TRANSLATORS: what Undo took back; %s is the customer, or "Walk-in" */
          return g_strdup_printf (_("Logging the contact with %s undone"), whose);
        case SP_UNDO_EDITED:
          /* TRANSLATORS: %s is the customer */
          return g_strdup_printf (_("Changes to the contact with %s undone"), whose);
        case SP_UNDO_DELETED:
        default:
          /* TRANSLATORS: %s is the customer */
          return g_strdup_printf (_("Contact with %s put back"), whose);
        }
    }

  switch (step->change)
    {
    case SP_UNDO_ADDED:
      /* TRANSLATORS: %s is the customer, or the survey (CSAT, NPS, CES) without one */
      return g_strdup_printf (_("Recording the survey answer of %s undone"), whose);
    case SP_UNDO_EDITED:
      /* TRANSLATORS: %s is the customer, or the survey (CSAT, NPS, CES) */
      return g_strdup_printf (_("Changes to the survey answer of %s undone"), whose);
    case SP_UNDO_DELETED:
    default:
      /* TRANSLATORS: %s is the customer, or the survey (CSAT, NPS, CES) */
      return g_strdup_printf (_("Survey answer of %s put back"), whose);
    }
}

/* Someone else's change after the one to undo is theirs: Undo does not take it back */
static gboolean
undone_unless_changed (gboolean   saved,
                       GError   **error)
{
  if (!saved && error != NULL && g_error_matches (*error, SP_ERROR, SP_ERROR_CHANGED))
    {
      g_clear_error (error);
      g_set_error_literal (error, SP_ERROR, SP_ERROR_CHANGED,
                           _("Someone else changed the record after you did, so Undo would "
                             "take their change back too; nothing was undone. Open the record "
                             "to change it by hand."));
    }

  return saved;
}

static gboolean
apply (SpUndoHistory  *self,
       const Step     *step,
       GError        **error)
{
  GObject *record = step->record;

  if (SP_IS_CONTACT (record))
    {
      g_autoptr(SpContact) copy = sp_contact_copy (SP_CONTACT (record));

      switch (step->change)
        {
        case SP_UNDO_ADDED:
          return sp_store_delete_contact (self->store, copy->id, error);
        case SP_UNDO_EDITED:
          /* the record as it was, over the user's own changes only: the revision those left
           * (Save Mine's would be higher: then Undo is told too) */
          copy->revision = step->expected;
          return undone_unless_changed (sp_store_save_contact (self->store, copy, error), error);
        case SP_UNDO_DELETED:
        default:
          return sp_store_undelete_contact (self->store, copy, error);
        }
    }
  else
    {
      g_autoptr(SpSurvey) copy = sp_survey_copy (SP_SURVEY (record));

      switch (step->change)
        {
        case SP_UNDO_ADDED:
          return sp_store_delete_survey (self->store, copy->id, error);
        case SP_UNDO_EDITED:
          copy->revision = step->expected;
          return undone_unless_changed (sp_store_save_survey (self->store, copy, error), error);
        case SP_UNDO_DELETED:
        default:
          return sp_store_undelete_survey (self->store, copy, error);
        }
    }
}

static void
notify_steps (SpUndoHistory *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_STEPS]);
}

/**
 * sp_undo_history_new:
 * @store: the store the changes were made in
 *
 * Returns: (transfer full): an empty history
 */
SpUndoHistory *
sp_undo_history_new (SpStore *store)
{
  SpUndoHistory *self;

  g_return_val_if_fail (SP_IS_STORE (store), NULL);

  self = g_object_new (SP_TYPE_UNDO_HISTORY, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * sp_undo_history_get_store:
 *
 * Returns: (transfer none): the store the changes are undone in
 */
SpStore *
sp_undo_history_get_store (SpUndoHistory *self)
{
  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), NULL);
  return self->store;
}

/**
 * sp_undo_history_push:
 * @change: what was done
 * @record: an #SpContact or #SpSurvey, with its id: as saved for
 *   %SP_UNDO_ADDED, as it was before for %SP_UNDO_EDITED and
 *   %SP_UNDO_DELETED (a copy is kept)
 *
 * Returns: the step's number, for sp_undo_history_undo_step()
 */
guint
sp_undo_history_push (SpUndoHistory *self,
                      SpUndoChange   change,
                      GObject       *record)
{
  Step *step;

  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), 0);
  g_return_val_if_fail (SP_IS_CONTACT (record) || SP_IS_SURVEY (record), 0);
  g_return_val_if_fail (record_id (record) > 0, 0);

  step = g_new0 (Step, 1);
  step->serial = ++self->last_serial;
  step->change = change;
  step->record = SP_IS_CONTACT (record) ? G_OBJECT (sp_contact_copy (SP_CONTACT (record)))
                                        : G_OBJECT (sp_survey_copy (SP_SURVEY (record)));
  /* an edit saved once over the revision it was read at */
  step->expected = (SP_IS_CONTACT (record) ? SP_CONTACT (record)->revision
                                           : SP_SURVEY (record)->revision) + 1;
  g_queue_push_tail (&self->steps, step);

  while (self->steps.length > SP_UNDO_HISTORY_MAX_STEPS)
    step_free (g_queue_pop_head (&self->steps));

  notify_steps (self);
  return step->serial;
}

guint
sp_undo_history_get_n_steps (SpUndoHistory *self)
{
  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), 0);
  return self->steps.length;
}

gboolean
sp_undo_history_can_undo (SpUndoHistory *self)
{
  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), FALSE);
  return self->steps.length > 0;
}

static GList *
find_step (SpUndoHistory *self,
           guint          serial)
{
  for (GList *l = self->steps.head; l != NULL; l = l->next)
    {
      if (((Step *) l->data)->serial == serial)
        return l;
    }

  return NULL;
}

/* Whether @step is still there to be undone */
gboolean
sp_undo_history_has_step (SpUndoHistory *self,
                          guint          step)
{
  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), FALSE);
  return step != 0 && find_step (self, step) != NULL;
}

/* The type of the record the last change is about, or G_TYPE_INVALID */
GType
sp_undo_history_get_last_type (SpUndoHistory *self)
{
  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), G_TYPE_INVALID);

  if (self->steps.tail == NULL)
    return G_TYPE_INVALID;

  return G_OBJECT_TYPE (((Step *) self->steps.tail->data)->record);
}

/* The revision @record has in the store now, -1 when it is gone */
static gint64
stored_revision (SpUndoHistory *self,
                 GObject       *record)
{
  if (SP_IS_CONTACT (record))
    {
      g_autoptr(SpContact) now = sp_store_load_contact (self->store, record_id (record), NULL);

      return now != NULL ? now->revision : -1;
    }
  else
    {
      g_autoptr(SpSurvey) now = sp_store_load_survey (self->store, record_id (record), NULL);

      return now != NULL ? now->revision : -1;
    }
}

static gboolean
undo_link (SpUndoHistory  *self,
           GList          *link,
           gint64         *id,
           char          **undone,
           GError        **error)
{
  Step *step = link->data;
  gboolean ok;

  ok = apply (self, step, error);

  /* a record put back or changed back has a revision of its own: the user's earlier changes
   * of it are undone over that one */
  if (ok && step->change != SP_UNDO_ADDED)
    {
      gint64 now = stored_revision (self, step->record);

      for (GList *l = link->prev; l != NULL; l = l->prev)
        if (same_record (((Step *) l->data)->record, step->record))
          ((Step *) l->data)->expected = now;
    }

  if (ok)
    {
      if (id != NULL)
        *id = step->change == SP_UNDO_ADDED ? 0 : record_id (step->record);
      if (undone != NULL)
        *undone = describe (step);
    }

  /* the later changes of the record were made on top of this one */
  for (GList *l = link->next; l != NULL;)
    {
      GList *next = l->next;

      if (same_record (((Step *) l->data)->record, step->record))
        {
          step_free (l->data);
          g_queue_delete_link (&self->steps, l);
        }
      l = next;
    }

  /* one that failed could not be undone later either */
  g_queue_delete_link (&self->steps, link);
  step_free (step);

  notify_steps (self);
  return ok;
}

/**
 * sp_undo_history_undo:
 * @record_id: (out) (optional): the id of the record put back or changed
 *   back, 0 when the undo removed it
 * @undone: (out) (optional) (transfer full): what was undone, to tell the
 *   owner: "Contact with Ana Ruiz put back"
 *
 * Takes back the last change.  A change that can no longer be taken back
 * (the record was changed elsewhere) is dropped with the error.
 *
 * Returns: %FALSE with @error set when it failed or there was nothing to undo
 */
gboolean
sp_undo_history_undo (SpUndoHistory  *self,
                      gint64         *id,
                      char          **undone,
                      GError        **error)
{
  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), FALSE);

  if (self->steps.tail == NULL)
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                           _("There is nothing to undo."));
      return FALSE;
    }

  return undo_link (self, self->steps.tail, id, undone, error);
}

/**
 * sp_undo_history_undo_step:
 * @step: what sp_undo_history_push() returned
 *
 * Takes back one change, not necessarily the last (a toast's Undo), with
 * the later changes of the same record.
 */
gboolean
sp_undo_history_undo_step (SpUndoHistory  *self,
                           guint           step,
                           gint64         *id,
                           char          **undone,
                           GError        **error)
{
  GList *link;

  g_return_val_if_fail (SP_IS_UNDO_HISTORY (self), FALSE);

  if (step == 0 || !(link = find_step (self, step)))
    {
      g_set_error_literal (error, SP_ERROR, SP_ERROR_NOT_FOUND,
                           _("This change was already undone."));
      return FALSE;
    }

  return undo_link (self, link, id, undone, error);
}

void
sp_undo_history_clear (SpUndoHistory *self)
{
  g_return_if_fail (SP_IS_UNDO_HISTORY (self));

  g_queue_clear_full (&self->steps, (GDestroyNotify) step_free);
  notify_steps (self);
}

static void
sp_undo_history_finalize (GObject *object)
{
  SpUndoHistory *self = SP_UNDO_HISTORY (object);

  g_queue_clear_full (&self->steps, (GDestroyNotify) step_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (sp_undo_history_parent_class)->finalize (object);
}

static void
sp_undo_history_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SpUndoHistory *self = SP_UNDO_HISTORY (object);

  switch (prop_id)
    {
    case PROP_N_STEPS:
      g_value_set_uint (value, self->steps.length);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sp_undo_history_class_init (SpUndoHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sp_undo_history_finalize;
  object_class->get_property = sp_undo_history_get_property;

  properties[PROP_N_STEPS] =
    g_param_spec_uint ("n-steps", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
sp_undo_history_init (SpUndoHistory *self)
{
  g_queue_init (&self->steps);
}

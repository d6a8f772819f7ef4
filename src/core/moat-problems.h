/* moat-problems.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "moat-crossings.h"
#include "moat-document.h"

G_BEGIN_DECLS

#define MOAT_TYPE_PROBLEM (moat_problem_get_type ())

/* One entry of the problems list. @object_id is the element, boundary,
 * flow or threat with the problem; @select_id is the item to select on
 * the canvas (a threat's flow or element); @diagram_id is the diagram
 * that holds it, or "" when there is none. @message is translated. */
typedef struct
{
  MoatProblemKind kind;
  char *object_id;
  char *select_id;
  char *diagram_id;
  char *message;
} MoatProblem;

GType        moat_problem_get_type (void) G_GNUC_CONST;
MoatProblem *moat_problem_copy     (const MoatProblem *self);
void         moat_problem_free     (MoatProblem       *self);
GPtrArray   *moat_problems_find    (MoatDocument      *document,
                                    GPtrArray         *crossings,
                                    GDate             *today);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MoatProblem, moat_problem_free)

G_END_DECLS

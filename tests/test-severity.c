/* test-severity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "moat-severity.h"

typedef struct
{
  MoatLevel probability;
  MoatLevel impact;
  MoatSeverity expected;
} MatrixCase;

static void
test_matrix_all_cells (void)
{
  static const MatrixCase cases[] = {
    { MOAT_LEVEL_HIGH, MOAT_LEVEL_LOW, MOAT_SEVERITY_MEDIUM },
    { MOAT_LEVEL_HIGH, MOAT_LEVEL_MEDIUM, MOAT_SEVERITY_HIGH },
    { MOAT_LEVEL_HIGH, MOAT_LEVEL_HIGH, MOAT_SEVERITY_CRITICAL },
    { MOAT_LEVEL_MEDIUM, MOAT_LEVEL_LOW, MOAT_SEVERITY_LOW },
    { MOAT_LEVEL_MEDIUM, MOAT_LEVEL_MEDIUM, MOAT_SEVERITY_MEDIUM },
    { MOAT_LEVEL_MEDIUM, MOAT_LEVEL_HIGH, MOAT_SEVERITY_HIGH },
    { MOAT_LEVEL_LOW, MOAT_LEVEL_LOW, MOAT_SEVERITY_LOW },
    { MOAT_LEVEL_LOW, MOAT_LEVEL_MEDIUM, MOAT_SEVERITY_LOW },
    { MOAT_LEVEL_LOW, MOAT_LEVEL_HIGH, MOAT_SEVERITY_MEDIUM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("probability %s, impact %s",
                      moat_enum_to_nick (MOAT_TYPE_LEVEL, cases[i].probability),
                      moat_enum_to_nick (MOAT_TYPE_LEVEL, cases[i].impact));
      g_assert_cmpint (moat_severity_from_matrix (cases[i].impact, cases[i].probability), ==,
                       cases[i].expected);
    }
}

static void
test_matrix_unscored (void)
{
  g_assert_cmpint (moat_severity_from_matrix (MOAT_LEVEL_UNSET, MOAT_LEVEL_HIGH), ==,
                   MOAT_SEVERITY_UNSET);
  g_assert_cmpint (moat_severity_from_matrix (MOAT_LEVEL_HIGH, MOAT_LEVEL_UNSET), ==,
                   MOAT_SEVERITY_UNSET);
}

static void
test_impact_highest_of_cia (void)
{
  g_assert_cmpint (moat_impact_from_cia (MOAT_LEVEL_LOW, MOAT_LEVEL_HIGH, MOAT_LEVEL_MEDIUM), ==,
                   MOAT_LEVEL_HIGH);
  g_assert_cmpint (moat_impact_from_cia (MOAT_LEVEL_UNSET, MOAT_LEVEL_UNSET, MOAT_LEVEL_MEDIUM), ==,
                   MOAT_LEVEL_MEDIUM);
  g_assert_cmpint (moat_impact_from_cia (MOAT_LEVEL_UNSET, MOAT_LEVEL_UNSET, MOAT_LEVEL_UNSET), ==,
                   MOAT_LEVEL_UNSET);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/severity/matrix-all-cells", test_matrix_all_cells);
  g_test_add_func ("/severity/matrix-unscored", test_matrix_unscored);
  g_test_add_func ("/severity/impact-highest-of-cia", test_impact_highest_of_cia);

  return g_test_run ();
}

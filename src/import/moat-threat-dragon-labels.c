/* moat-threat-dragon-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "moat-import"

#include "config.h"

#include "moat-threat-dragon-private.h"

/* Threat Dragon stores a threat's type as the label its user interface
 * showed, in the user's language, not as a stable key. These are the
 * STRIDE labels of its English, German, Spanish, French, Portuguese,
 * Japanese, Chinese, Arabic, Greek, Hebrew, Hindi, Malay and Thai
 * translations, as in td.vue/src/i18n of OWASP/threat-dragon. Its
 * Russian, Ukrainian, Finnish and Indonesian translations show the
 * English labels. English names written without spaces, such as
 * "InformationDisclosure", are accepted too. */
typedef struct
{
  const char *label;
  MoatStrideCategory category;
} StrideLabel;

static const StrideLabel stride_labels[] = {
  /* English */
  { "spoofing", MOAT_STRIDE_SPOOFING },
  { "tampering", MOAT_STRIDE_TAMPERING },
  { "repudiation", MOAT_STRIDE_REPUDIATION },
  { "information disclosure", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "denial of service", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "elevation of privilege", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* German */
  { "manipulation", MOAT_STRIDE_TAMPERING },
  { "nichtanerkennung", MOAT_STRIDE_REPUDIATION },
  { "veröffentlichung von informationen", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "erhöhung von rechten", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Spanish, whose labels read "Tampering / Manipulación"; both halves are
   * tried. */
  { "manipulación", MOAT_STRIDE_TAMPERING },
  { "repudiación", MOAT_STRIDE_REPUDIATION },
  { "brecha de información", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "denegación de servicio", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "elevación de privilegios", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* French */
  { "usurpation d'identité", MOAT_STRIDE_SPOOFING },
  { "falsification", MOAT_STRIDE_TAMPERING },
  { "répudiation", MOAT_STRIDE_REPUDIATION },
  { "divulgation d'information", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "déni de service", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "élévation de privilège", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Portuguese */
  { "falsificação", MOAT_STRIDE_SPOOFING },
  { "adulteração", MOAT_STRIDE_TAMPERING },
  { "repúdio", MOAT_STRIDE_REPUDIATION },
  { "divulgação de informações", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "negação de serviço", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "elevação de privilégio", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Japanese */
  { "なりすまし", MOAT_STRIDE_SPOOFING },
  { "改竄", MOAT_STRIDE_TAMPERING },
  { "否認", MOAT_STRIDE_REPUDIATION },
  { "情報漏洩", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "サービス拒否", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "特権の昇格", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Chinese */
  { "欺骗", MOAT_STRIDE_SPOOFING },
  { "篡改", MOAT_STRIDE_TAMPERING },
  { "否认", MOAT_STRIDE_REPUDIATION },
  { "信息泄露", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "拒绝服务", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "权限提升", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Arabic, whose labels give the English name first */
  { "spoofing التزييف", MOAT_STRIDE_SPOOFING },
  { "tampering التلاعب", MOAT_STRIDE_TAMPERING },
  { "repudiation رفض", MOAT_STRIDE_REPUDIATION },
  { "information disclosure كشف المعلومات", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "denial of service إنكار الخدمة", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "elevation of privilege تسلق الامتياز", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Greek, whose labels give the English name after, misspelt once */
  { "παραπλάνηση (spoofing)", MOAT_STRIDE_SPOOFING },
  { "παραποίηση (tampering)", MOAT_STRIDE_TAMPERING },
  { "αποποίηση (repudiation)", MOAT_STRIDE_REPUDIATION },
  { "αποκάλυψη πληροφοριών (information disclosure)", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "άρνηση εκτέλεσης υπηρεσίας (denial of service)", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "αναβάθμιση προνομίων (elevation of priviledge)", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Hebrew */
  { "התחזות", MOAT_STRIDE_SPOOFING },
  { "חבלה", MOAT_STRIDE_TAMPERING },
  { "הכחשה", MOAT_STRIDE_REPUDIATION },
  { "חשיפת מידע", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "מניעת שירות", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "העלאת הרשאות", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Hindi */
  { "स्पूफिंग", MOAT_STRIDE_SPOOFING },
  { "छेड़छाड़", MOAT_STRIDE_TAMPERING },
  { "अस्वीकृति", MOAT_STRIDE_REPUDIATION },
  { "सूचना प्रकटीकरण", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "सेवा से इनकार", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "विशेषाधिकार का उन्नयन", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Malay */
  { "penipuan", MOAT_STRIDE_SPOOFING },
  { "penyelewengan", MOAT_STRIDE_TAMPERING },
  { "penafian", MOAT_STRIDE_REPUDIATION },
  { "pendedahan maklumat", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "penafian perkhidmatan", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "kenaikan hak", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },

  /* Thai */
  { "การปลอมแปลง", MOAT_STRIDE_SPOOFING },
  { "การแก้ไขข้อมูล", MOAT_STRIDE_TAMPERING },
  { "การปฏิเสธ", MOAT_STRIDE_REPUDIATION },
  { "การเปิดเผยข้อมูล", MOAT_STRIDE_INFORMATION_DISCLOSURE },
  { "การปฏิเสธการให้บริการ", MOAT_STRIDE_DENIAL_OF_SERVICE },
  { "การยกระดับสิทธิ์", MOAT_STRIDE_ELEVATION_OF_PRIVILEGE },
};

/* Lowercases @label, folds the typographic apostrophe into the ASCII one
 * and collapses runs of white space, so "Information  Disclosure" and
 * "Usurpation d’identité" match. It also composes characters in one
 * way, since a Hindi or Greek label can be typed in more than one. */
static char *
normalize_label (const char *label)
{
  g_autofree char *composed = g_utf8_normalize (label, -1, G_NORMALIZE_NFC);
  g_autofree char *lower = g_utf8_strdown (composed != NULL ? composed : "", -1);
  GString *result = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = result->len > 0;
          continue;
        }

      if (space)
        g_string_append_c (result, ' ');
      space = FALSE;

      if (c == 0x2019)
        c = '\'';
      g_string_append_unichar (result, c);
    }

  return g_string_free (result, FALSE);
}

static char *
remove_spaces (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  return g_strjoinv ("", words);
}

static gboolean
lookup_label (const char         *normalized,
              MoatStrideCategory *category)
{
  g_autofree char *compact = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (stride_labels); i++)
    {
      g_autofree char *label = normalize_label (stride_labels[i].label);

      if (g_str_equal (normalized, label))
        {
          *category = stride_labels[i].category;
          return TRUE;
        }
    }

  /* "InformationDisclosure" and "Information disclosure" are the same
   * English category; the first six labels are the English ones. */
  compact = remove_spaces (normalized);
  for (guint i = 0; i < MOAT_N_STRIDE_CATEGORIES; i++)
    {
      g_autofree char *english = remove_spaces (stride_labels[i].label);

      if (g_str_equal (compact, english))
        {
          *category = stride_labels[i].category;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * moat_threat_dragon_parse_stride_label:
 * @label: a threat type as Threat Dragon stores it
 * @category: (out): the STRIDE category
 *
 * Recognises the STRIDE category that a Threat Dragon threat type names,
 * in any of the languages Threat Dragon ships.
 *
 * Returns: %TRUE if @label names a STRIDE category
 */
gboolean
moat_threat_dragon_parse_stride_label (const char         *label,
                                       MoatStrideCategory *category)
{
  g_autofree char *normalized = NULL;
  g_auto(GStrv) halves = NULL;

  g_return_val_if_fail (label != NULL, FALSE);
  g_return_val_if_fail (category != NULL, FALSE);

  normalized = normalize_label (label);
  if (lookup_label (normalized, category))
    return TRUE;

  /* Bilingual labels such as "Tampering / Manipulación". */
  halves = g_strsplit (normalized, " / ", 2);
  if (halves[0] != NULL && halves[1] != NULL)
    return lookup_label (halves[0], category) || lookup_label (halves[1], category);

  return FALSE;
}

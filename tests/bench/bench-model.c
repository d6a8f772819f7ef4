/* bench-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bench-model.h"

/* The generator writes compact JSON text itself instead of building a
 * MoatDocument, so the loader checks it like a file from another tool.
 * moat-bench then saves it in Moat's own layout. */

/* Elements sit in 4 × 4 cell blocks, half of which have a trust boundary,
 * and 3 × 3 blocks make a zone, which always has one, so boundaries nest. */
#define BLOCK_CELLS 4
#define ZONE_BLOCKS 3

#define N_STRIDE 6

typedef struct
{
  guint64 state;
} Random;

typedef struct
{
  Random random;
  GString *threats;
  guint n_threats;
  guint n_flows;
} Generator;

static const char * const stride_nicks[N_STRIDE] = {
  "spoofing", "tampering", "repudiation", "information-disclosure", "denial-of-service",
  "elevation-of-privilege",
};

static const char * const levels[] = { "unset", "low", "medium", "high" };

static const char * const domains[] = {
  "Payment", "Order", "Billing", "Identity", "Inventory", "Shipping", "Catalog", "Search",
  "Notification", "Reporting", "Fraud", "Loyalty", "Pricing", "Analytics", "Ledger",
  "Customer", "Supplier", "Warehouse", "Claims", "Policy", "Audit", "Session", "Consent",
  "Export", "Tax", "Refund", "Subscription", "Partner", "Document", "Messaging",
};

static const char * const process_nouns[] = {
  "service", "API", "worker", "gateway", "scheduler", "adapter", "engine", "processor",
};

static const char * const store_nouns[] = {
  "database", "cache", "queue", "bucket", "log", "index", "archive", "key store",
};

static const char * const entity_nouns[] = {
  "browser", "mobile app", "partner bank", "administrator", "auditor", "supplier portal",
  "identity provider", "courier",
};

static const char * const technologies[] = {
  "Java 17, Spring Boot 3", "Go 1.21", "Python 3.11, FastAPI", "PostgreSQL 15", "Redis 7",
  "Kafka 3.6", "NGINX 1.24", "Node.js 20", "Amazon S3", "Elasticsearch 8", "RabbitMQ 3.12",
  "Rust 1.74, axum", ".NET 8", "",
};

static const char * const protocols[] = {
  "HTTPS", "gRPC over TLS", "AMQP", "SQL over TLS", "Kafka (TLS)", "SFTP", "HTTP", "SMTP",
};

static const char * const classifications[] = {
  "unset", "public", "internal", "confidential", "secret",
};

static const char * const verbs[] = {
  "Submit", "Read", "Update", "Publish", "Fetch", "Store", "Sync", "Notify", "Forward",
  "Validate", "Query", "Replicate",
};

static const char * const objects[] = {
  "order", "session token", "payment event", "customer record", "audit entry", "invoice",
  "price list", "refund request", "shipment status", "consent", "report", "API key",
};

/* Realistic prose has long and short words, a few non-ASCII names and the
 * odd character JSON must escape. */
static const char * const words[] = {
  "the", "service", "validates", "each", "request", "before", "it", "reaches", "database",
  "an", "attacker", "with", "network", "access", "could", "replay", "signed", "messages",
  "and", "change", "order", "state", "without", "authentication", "tokens", "are", "stored",
  "in", "plain", "text", "on", "shared", "disk", "which", "exposes", "credentials", "to",
  "every", "operator", "rate", "limits", "apply", "per", "client", "certificate", "rotation",
  "happens", "quarterly", "logs", "record", "who", "changed", "what", "when", "encrypted",
  "backups", "leave", "region", "nightly", "queue", "consumers", "retry", "failed",
  "deliveries", "three", "times", "schema", "validation", "rejects", "unknown", "fields",
  "administrators", "use", "single", "sign-on", "hardware", "keys", "the", "gateway",
  "terminates", "TLS", "forwards", "traffic", "internal", "segment", "a", "compromised",
  "dependency", "might", "exfiltrate", "customer", "data", "through", "outbound", "calls",
  "Zürich", "São Paulo", "Kraków", "東京", "façade", "\"legacy\"", "C:\\exports", "OAuth 2.0",
  "mTLS", "JWT", "HMAC-SHA256", "p99", "100 ms", "PCI DSS", "GDPR", "of", "for", "is", "by",
};

static const char * const titles[] = {
  "Replay of signed webhook events", "Session token theft through XSS",
  "Tampering with queued messages", "Unlogged administrator changes",
  "Exfiltration through a compromised dependency", "Denial of service by unbounded uploads",
  "Privilege escalation through a misconfigured role", "Leak of personal data in logs",
  "Spoofed partner callbacks", "SQL injection in the search filter",
  "Forged JWT accepted after key rotation", "Backup restored into the wrong region",
};

static const char * const owners[] = {
  "", "Marta Oliveira", "Jonas Berg", "Priya Natarajan", "Ana Sousa", "Chen Wei",
  "platform team", "payments team",
};

static guint64
random_next (Random *random)
{
  /* SplitMix64: fixed arithmetic, so a seed gives the same model on every
   * machine and GLib version. */
  guint64 z = (random->state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);

  return z ^ (z >> 31);
}

/* A whole number from @low to @high, both included. */
static guint
random_range (Random *random,
              guint   low,
              guint   high)
{
  return low + (guint)(random_next (random) % (high - low + 1));
}

static gboolean
random_chance (Random *random,
               double  probability)
{
  return (random_next (random) >> 11) * (1.0 / 9007199254740992.0) < probability;
}

#define PICK(random, array) ((array)[random_range ((random), 0, G_N_ELEMENTS (array) - 1)])

static void
append_escaped (GString    *out,
                const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;

        case '\\':
          g_string_append (out, "\\\\");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        default:
          g_string_append_c (out, *p);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
append_key (GString    *out,
            const char *key)
{
  g_string_append_printf (out, "\"%s\":", key);
}

static void
append_text_member (GString    *out,
                    const char *key,
                    const char *value)
{
  append_key (out, key);
  append_escaped (out, value);
  g_string_append_c (out, ',');
}

static void
append_bool_member (GString    *out,
                    const char *key,
                    gboolean    value)
{
  g_string_append_printf (out, "\"%s\":%s,", key, value ? "true" : "false");
}

static void
append_number_member (GString    *out,
                      const char *key,
                      double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "\"%s\":%s,", key, g_ascii_dtostr (buffer, sizeof buffer, value));
}

/* Replaces the comma after the last member or item with @close. */
static void
close_container (GString *out,
                 char     close)
{
  if (out->len > 0 && out->str[out->len - 1] == ',')
    out->str[out->len - 1] = close;
  else
    g_string_append_c (out, close);
}

/* Sentences of 6 to 18 words. One in twenty ends with a line break. */
static char *
dup_prose (Random *random,
           guint   min_sentences,
           guint   max_sentences)
{
  guint n_sentences = random_range (random, min_sentences, max_sentences);
  GString *text = g_string_new (NULL);

  for (guint s = 0; s < n_sentences; s++)
    {
      guint n_words = random_range (random, 6, 18);

      if (s > 0)
        g_string_append_c (text, random_chance (random, 0.05) ? '\n' : ' ');

      for (guint w = 0; w < n_words; w++)
        {
          const char *word = PICK (random, words);

          if (w > 0)
            g_string_append_c (text, ' ');

          if (w == 0 && g_ascii_islower (word[0]))
            {
              g_string_append_c (text, g_ascii_toupper (word[0]));
              g_string_append (text, word + 1);
            }
          else
            g_string_append (text, word);
        }
      g_string_append_c (text, '.');
    }

  return g_string_free (text, FALSE);
}

static void
append_prose_member (Generator  *generator,
                     GString    *out,
                     const char *key,
                     guint       min_sentences,
                     guint       max_sentences)
{
  g_autofree char *text = dup_prose (&generator->random, min_sentences, max_sentences);

  append_text_member (out, key, text);
}

static void
append_bounds (GString *out,
               double   x,
               double   y,
               double   width,
               double   height)
{
  append_number_member (out, "x", x);
  append_number_member (out, "y", y);
  append_number_member (out, "width", width);
  append_number_member (out, "height", height);
}

static void
append_model (Generator *generator,
              GString   *out,
              guint      n_elements)
{
  g_autofree char *title = g_strdup_printf ("Synthetic enterprise model, %u elements",
                                            n_elements);

  append_key (out, "model");
  g_string_append_c (out, '{');
  append_text_member (out, "title", title);
  append_prose_member (generator, out, "description", 3, 6);
  append_text_member (out, "owner", "Benchmark generator");
  append_text_member (out, "model-version", "1.0");
  g_string_append (out, "\"reviewers\":[\"Jonas Berg\",\"Priya Natarajan\"],");
  append_prose_member (generator, out, "business-objectives", 2, 4);
  append_prose_member (generator, out, "security-objectives", 2, 4);
  g_string_append (out, "\"compliance\":[\"PCI DSS 4.0\",\"GDPR\"],");
  append_prose_member (generator, out, "risk-appetite", 1, 3);
  append_prose_member (generator, out, "technical-scope", 2, 4);
  g_string_append (out, "\"contributors\":[]");
  g_string_append (out, "},");
}

static void
append_boundary (Generator *generator,
                 GString   *out,
                 guint      number,
                 const char *kind,
                 double     x,
                 double     y,
                 double     width,
                 double     height)
{
  g_autofree char *name = g_strdup_printf ("%s %s %u", PICK (&generator->random, domains), kind,
                                           number);

  g_string_append_printf (out, "{\"id\":\"boundary-%06u\",", number);
  append_text_member (out, "name", name);
  append_prose_member (generator, out, "description", 1, 2);
  append_bounds (out, x, y, width, height);
  close_container (out, '}');
  g_string_append_c (out, ',');
}

/* Zones first, so the inner blocks are drawn over them. */
static guint
append_boundaries (Generator *generator,
                   GString   *out,
                   guint      n_columns,
                   guint      n_rows)
{
  guint zone_cells = BLOCK_CELLS * ZONE_BLOCKS;
  guint n_boundaries = 0;

  append_key (out, "boundaries");
  g_string_append_c (out, '[');

  for (guint zr = 0; zr * zone_cells < n_rows; zr++)
    for (guint zc = 0; zc * zone_cells < n_columns; zc++)
      append_boundary (generator, out, n_boundaries++, "zone",
                       zc * zone_cells * BENCH_CELL_WIDTH + 2,
                       zr * zone_cells * BENCH_CELL_HEIGHT + 2,
                       zone_cells * BENCH_CELL_WIDTH - 4, zone_cells * BENCH_CELL_HEIGHT - 4);

  for (guint br = 0; br * BLOCK_CELLS < n_rows; br++)
    for (guint bc = 0; bc * BLOCK_CELLS < n_columns; bc++)
      if (random_chance (&generator->random, 0.5))
        append_boundary (generator, out, n_boundaries++, "segment",
                         bc * BLOCK_CELLS * BENCH_CELL_WIDTH + 8,
                         br * BLOCK_CELLS * BENCH_CELL_HEIGHT + 8,
                         BLOCK_CELLS * BENCH_CELL_WIDTH - 16,
                         BLOCK_CELLS * BENCH_CELL_HEIGHT - 16);

  close_container (out, ']');
  g_string_append_c (out, ',');

  return n_boundaries;
}

static void
append_element (Generator *generator,
                GString   *out,
                guint      index,
                guint      n_columns)
{
  Random *random = &generator->random;
  guint kind_roll = random_range (random, 0, 99);
  const char *kind;
  const char *noun;
  g_autofree char *name = NULL;
  gboolean out_of_scope = random_chance (random, 0.03);
  double width;
  double height;

  if (kind_roll < 55)
    {
      kind = "process";
      noun = PICK (random, process_nouns);
    }
  else if (kind_roll < 80)
    {
      kind = "data-store";
      noun = PICK (random, store_nouns);
    }
  else
    {
      kind = "external-entity";
      noun = PICK (random, entity_nouns);
    }

  if (random_chance (random, 0.5))
    name = g_strdup_printf ("%s %s %u", PICK (random, domains), noun, index % 97);
  else
    name = g_strdup_printf ("%s %s", PICK (random, domains), noun);

  g_string_append_printf (out, "{\"id\":\"element-%06u\",", index);
  append_text_member (out, "kind", kind);
  append_text_member (out, "name", name);
  append_prose_member (generator, out, "description", 1, 2);
  append_text_member (out, "technology", PICK (random, technologies));
  append_bool_member (out, "out-of-scope", out_of_scope);
  append_text_member (out, "out-of-scope-reason",
                      out_of_scope ? "Operated and reviewed by the vendor." : "");
  width = random_range (random, 10, 13) * 10;
  height = random_range (random, 44, 56);
  append_bounds (out,
                 (index % n_columns) * BENCH_CELL_WIDTH + 20,
                 (index / n_columns) * BENCH_CELL_HEIGHT + 16,
                 width, height);
  append_text_member (out, "privilege-level", random_chance (random, 0.2) ? "root" : "");
  append_bool_member (out, "web-application", random_chance (random, 0.2));
  append_bool_member (out, "is-log", g_str_equal (noun, "log"));
  append_bool_member (out, "stores-credentials", g_str_equal (noun, "key store"));
  append_bool_member (out, "encrypted", random_chance (random, 0.5));
  append_bool_member (out, "signed", random_chance (random, 0.2));
  close_container (out, '}');
  g_string_append_c (out, ',');
}

static void
append_checklist (Generator  *generator,
                  GString    *out,
                  const char *key,
                  guint       max_items)
{
  guint n_items = random_range (&generator->random, 0, max_items);

  append_key (out, key);
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *text = dup_prose (&generator->random, 1, 1);

      g_string_append_c (out, '{');
      append_text_member (out, "text", text);
      append_bool_member (out, "done", random_chance (&generator->random, 0.3));
      close_container (out, '}');
      g_string_append_c (out, ',');
    }
  close_container (out, ']');
  g_string_append_c (out, ',');
}

/* Appends one threat on @target_id to the threats array. */
static void
append_threat (Generator  *generator,
               const char *target_id,
               guint       category)
{
  Random *random = &generator->random;
  GString *out = generator->threats;
  guint number = ++generator->n_threats;
  guint status_roll = random_range (random, 0, 99);
  const char *status = status_roll < 60 ? "open"
                       : status_roll < 85 ? "mitigated"
                       : status_roll < 95 ? "accepted" : "transferred";
  g_autofree char *due_date = NULL;

  /* C leaves the order of argument evaluation open, so each draw gets its
   * own statement to keep the output the same with every compiler. */
  if (random_chance (random, 0.5))
    {
      guint month = random_range (random, 1, 12);
      guint day = random_range (random, 1, 28);

      due_date = g_strdup_printf ("2026-%02u-%02u", month, day);
    }

  g_string_append_printf (out, "{\"id\":\"threat-%07u\",\"number\":%u,", number, number);
  append_text_member (out, "title", PICK (random, titles));
  append_text_member (out, "category", category < N_STRIDE ? stride_nicks[category] : "other");
  append_text_member (out, "target", target_id);
  append_prose_member (generator, out, "attack-vector", 1, 2);
  append_prose_member (generator, out, "prerequisites", 0, 1);

  append_key (out, "impact");
  g_string_append_c (out, '{');
  append_text_member (out, "confidentiality", PICK (random, levels));
  append_text_member (out, "integrity", PICK (random, levels));
  append_text_member (out, "availability", PICK (random, levels));
  append_prose_member (generator, out, "business", 0, 1);
  close_container (out, '}');
  g_string_append_c (out, ',');

  append_text_member (out, "probability", PICK (random, levels));
  append_prose_member (generator, out, "evidence", 0, 1);

  append_key (out, "mitigations");
  g_string_append_c (out, '{');
  append_checklist (generator, out, "short-term", 2);
  append_checklist (generator, out, "long-term", 1);
  append_checklist (generator, out, "monitoring", 1);
  close_container (out, '}');
  g_string_append_c (out, ',');

  append_text_member (out, "status", status);
  append_text_member (out, "owner", PICK (random, owners));
  append_text_member (out, "due-date", due_date != NULL ? due_date : "");
  append_prose_member (generator, out, "description", 0, 2);
  append_text_member (out, "score",
                      random_chance (random, 0.2) ? "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N"
                                                  : "");
  append_text_member (out, "type-label", category < N_STRIDE ? "" : "Linkability");
  close_container (out, '}');
  g_string_append_c (out, ',');
}

static void
append_flow (Generator *generator,
             GString   *out,
             guint      source,
             guint      target,
             double     bend_x,
             double     bend_y)
{
  Random *random = &generator->random;
  guint index = generator->n_flows++;
  g_autofree char *id = g_strdup_printf ("flow-%07u", index);
  const char *verb = PICK (random, verbs);
  const char *object = PICK (random, objects);
  g_autofree char *name = g_strdup_printf ("%s %s", verb, object);
  guint n_threats = random_range (random, 0, 4);
  gboolean recorded[N_STRIDE] = { FALSE };
  char buffer_x[G_ASCII_DTOSTR_BUF_SIZE];
  char buffer_y[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint t = 0; t < n_threats; t++)
    {
      guint category = random_range (random, 0, N_STRIDE - 1);

      recorded[category] = TRUE;
      append_threat (generator, id, category);
    }

  g_string_append_printf (out, "{\"id\":\"%s\",", id);
  append_text_member (out, "name", name);
  append_prose_member (generator, out, "description", 1, 2);
  g_string_append_printf (out, "\"source\":\"element-%06u\",\"target\":\"element-%06u\",",
                          source, target);
  append_text_member (out, "protocol", PICK (random, protocols));
  append_bool_member (out, "authenticated", random_chance (random, 0.6));
  append_bool_member (out, "encrypted", random_chance (random, 0.7));
  append_bool_member (out, "bidirectional", random_chance (random, 0.15));
  append_text_member (out, "classification", PICK (random, classifications));

  append_key (out, "stride");
  g_string_append_c (out, '{');
  for (guint c = 0; c < N_STRIDE; c++)
    {
      gboolean not_applicable = !recorded[c] && random_chance (random, 0.4);

      g_string_append_printf (out, "\"%s\":{", stride_nicks[c]);
      append_text_member (out, "state", recorded[c] ? "threats-recorded"
                                        : not_applicable ? "not-applicable" : "not-reviewed");
      append_text_member (out, "reason",
                          not_applicable ? "Both ends run in the same process." : "");
      close_container (out, '}');
      g_string_append_c (out, ',');
    }
  close_container (out, '}');
  g_string_append_c (out, ',');

  append_key (out, "vertices");
  if (isnan (bend_x))
    g_string_append (out, "[],");
  else
    g_string_append_printf (out, "[[%s,%s]],",
                            g_ascii_dtostr (buffer_x, sizeof buffer_x, bend_x),
                            g_ascii_dtostr (buffer_y, sizeof buffer_y, bend_y));

  append_bool_member (out, "signed", random_chance (random, 0.3));
  append_bool_member (out, "public-network", random_chance (random, 0.1));
  append_bool_member (out, "out-of-scope", FALSE);
  append_text_member (out, "out-of-scope-reason", "");
  close_container (out, '}');
  g_string_append_c (out, ',');
}

/* Each element sends to its right neighbour (or the one below at the end
 * of a row), some also downwards, a few across the whole diagram, and a
 * few to themselves. */
static void
append_flows (Generator *generator,
              GString   *out,
              guint      n_elements,
              guint      n_columns)
{
  Random *random = &generator->random;

  append_key (out, "flows");
  g_string_append_c (out, '[');

  for (guint i = 0; i < n_elements; i++)
    {
      guint column = i % n_columns;
      guint below = i + n_columns;

      if (column + 1 < n_columns && i + 1 < n_elements)
        append_flow (generator, out, i, i + 1, NAN, NAN);
      else if (below < n_elements)
        append_flow (generator, out, i, below, NAN, NAN);

      if (below < n_elements && random_chance (random, 0.3))
        {
          /* One in four downward flows bends to the right, as a routed
           * connector would. */
          if (random_chance (random, 0.25))
            append_flow (generator, out, i, below,
                         (column + 1) * BENCH_CELL_WIDTH,
                         (i / n_columns + 1) * BENCH_CELL_HEIGHT + 8);
          else
            append_flow (generator, out, i, below, NAN, NAN);
        }

      if (random_chance (random, 0.02))
        append_flow (generator, out, i, random_range (random, 0, n_elements - 1), NAN, NAN);

      if (random_chance (random, 0.005))
        append_flow (generator, out, i, i, NAN, NAN);
    }

  close_container (out, ']');
  g_string_append_c (out, ',');
}

static void
append_notes (Generator *generator,
              GString   *out,
              guint      n_elements,
              guint      n_rows)
{
  guint n_notes = MAX (1, n_elements / 1000);

  append_key (out, "annotations");
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_notes; i++)
    {
      g_autofree char *text = dup_prose (&generator->random, 1, 3);

      g_string_append_printf (out, "{\"id\":\"note-%05u\",", i);
      append_text_member (out, "kind", "note");
      append_text_member (out, "text", text);
      append_bounds (out, i * 260.0, n_rows * BENCH_CELL_HEIGHT + 40, 240, 120);
      close_container (out, '}');
      g_string_append_c (out, ',');
    }
  close_container (out, ']');
}

/**
 * bench_model_generate:
 * @n_elements: the number of elements, at least 1
 * @seed: the seed of the pseudo-random choices; equal seeds give equal text
 * @info: (out) (optional): what the model contains
 *
 * Writes a synthetic .moat model with one diagram: @n_elements elements on
 * a grid, about 1.3 flows per element, nested trust boundaries, and about
 * two threats per flow plus one per ten elements. Text fields hold prose
 * of realistic lengths, and some optional threat fields are empty.
 *
 * Returns: (transfer full): the JSON text
 */
char *
bench_model_generate (guint           n_elements,
                      guint64         seed,
                      BenchModelInfo *info)
{
  Generator generator = { { seed }, g_string_sized_new (n_elements * 2048), 0, 0 };
  guint n_columns = MAX (1, (guint)ceil (sqrt (n_elements)));
  guint n_rows = (n_elements + n_columns - 1) / n_columns;
  GString *out = g_string_sized_new (n_elements * 1024);
  guint n_boundaries;

  g_return_val_if_fail (n_elements > 0, NULL);

  g_string_append (out, "{\"format\":\"moat\",\"version\":1,");
  append_model (&generator, out, n_elements);

  /* The threats go to their own buffer as the flows are written, so the
   * next threat number is known only at the end. */
  g_string_append (out, "\"diagrams\":[{\"id\":\"diagram-main\",\"name\":\"Landscape\",");
  n_boundaries = append_boundaries (&generator, out, n_columns, n_rows);

  append_key (out, "elements");
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_elements; i++)
    append_element (&generator, out, i, n_columns);
  close_container (out, ']');
  g_string_append_c (out, ',');

  append_flows (&generator, out, n_elements, n_columns);

  for (guint i = 0; i < n_elements; i += 10)
    {
      g_autofree char *id = g_strdup_printf ("element-%06u", i);

      append_threat (&generator, id, random_range (&generator.random, 0, N_STRIDE));
    }

  append_text_member (out, "methodology", "STRIDE");
  append_prose_member (&generator, out, "description", 1, 2);
  append_notes (&generator, out, n_elements, n_rows);
  g_string_append (out, "}],");

  g_string_append_printf (out, "\"next-threat-number\":%u,", generator.n_threats + 1);
  append_key (out, "threats");
  g_string_append_c (out, '[');
  g_string_append_len (out, generator.threats->str, generator.threats->len);
  close_container (out, ']');
  g_string_append (out, "}\n");
  g_string_free (generator.threats, TRUE);

  if (info != NULL)
    *info = (BenchModelInfo) {
      .n_elements = n_elements,
      .n_flows = generator.n_flows,
      .n_boundaries = n_boundaries,
      .n_threats = generator.n_threats,
      .n_columns = n_columns,
      .n_rows = n_rows,
    };

  return g_string_free (out, FALSE);
}

/*
 * fuzz_config -- libFuzzer target for config_parse and its helpers.
 *
 * Invariants, not only "no crash":
 * - config_parse returns -1 exactly when it reported an error, and every
 *   error reads "fuzz.conf:LINE:COL: message" with 1 <= LINE <= the lines
 *   of the input and COL >= 1;
 * - whatever was accepted is within the documented ranges (durations,
 *   sizes, widths), feeds have a URL, a browser command has a program;
 * - every binding's key has a name that parses back to the same key, and
 *   every action a name that parses back to the same action;
 * - config_split_words gives at least one word or a cause;
 * - everything is freed (LeakSanitizer).
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Parse a decimal number at *pp (advancing it); -1 if none. */
static long
num(const char **pp)
{
	const char *p = *pp;
	long v = 0;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (*p++ - '0');
	*pp = p;
	return v;
}

static void
check_errors(const struct config_errors *errs, const uint8_t *data, size_t size)
{
	size_t i, lines = 1;
	const char *p;
	long line, col;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	for (i = 0; i < errs->n; i++) {
		p = errs->msgs[i];
		assert(strncmp(p, "fuzz.conf:", 10) == 0);
		p += 10;
		line = num(&p);
		assert(line >= 1 && (size_t)line <= lines);
		assert(*p++ == ':');
		col = num(&p);
		assert(col >= 1);
		assert(strncmp(p, ": ", 2) == 0 && p[2] != '\0');
	}
}

static void
check_config(const struct config *cfg)
{
	char name[16];
	size_t i;
	int key;

	for (i = 0; i < cfg->nfeeds; i++)
		assert(cfg->feeds[i].url != NULL);
	assert(cfg->refresh_interval == 0 ||
	    (cfg->refresh_interval >= 60 &&
	        cfg->refresh_interval <= 30 * 86400));
	assert(cfg->keep_days >= 0 && cfg->keep_days <= 3650);
	assert(cfg->timeout >= 1 && cfg->timeout <= 3600);
	assert(cfg->max_size >= 1024 &&
	    cfg->max_size <= (size_t)4 * 1024 * 1024 * 1024);
	assert(cfg->max_width >= 20 && cfg->max_width <= 1000);
	assert(cfg->browser == NULL || cfg->browser[0][0] != '\0');
	assert(cfg->date_format != NULL);
	for (i = 0; i < cfg->nbinds; i++) {
		assert(cfg->binds[i].action > CONFIG_ACTION_NONE &&
		    cfg->binds[i].action < CONFIG_ACTION_COUNT);
		assert(config_action_parse(config_action_name(
		           cfg->binds[i].action)) == cfg->binds[i].action);
		config_key_name(cfg->binds[i].key, name, sizeof(name));
		assert(config_key_parse(name, &key) == 0);
		assert(key == cfg->binds[i].key);
		assert(config_lookup(cfg, key, false) != CONFIG_ACTION_NONE ||
		    config_lookup(cfg, key, true) != CONFIG_ACTION_NONE);
	}
	for (i = 0; i < CONFIG_EL_COUNT; i++) {
		assert(cfg->colors[i].fg >= -1 && cfg->colors[i].fg <= 255);
		assert(cfg->colors[i].bg >= -1 && cfg->colors[i].bg <= 255);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	char **argv, *cause = NULL, *s;
	int rc, key;

	cfg = config_new();
	rc = config_parse(cfg, "fuzz.conf", (const char *)data, size, &errs);
	assert(rc == (errs.n > 0 ? -1 : 0));
	check_errors(&errs, data, size);
	check_config(cfg);
	config_errors_clear(&errs);
	config_free(cfg);

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	argv = config_split_words(s, &cause);
	if (argv != NULL) {
		assert(argv[0] != NULL && cause == NULL);
		config_argv_free(argv);
	} else {
		assert(cause != NULL);
		free(cause);
	}
	if (config_key_parse(s, &key) == 0) {
		char name[16];
		int again;

		config_key_name(key, name, sizeof(name));
		assert(config_key_parse(name, &again) == 0 && again == key);
	}
	free(s);
	return 0;
}

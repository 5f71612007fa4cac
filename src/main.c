/*
 * main -- options, configuration, dispatch to the commands, exit codes.
 */
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_list.h"
#include "config.h"
#include "date.h"
#include "ui.h"
#include "utf8.h"
#include "util.h"

enum { EXIT_OK = 0, EXIT_FETCH = 1, EXIT_USAGE = 2 };

enum opt_long {
	OPT_CHECK_CONFIG = 256,
	OPT_CHECK,
};

struct opts {
	const char *config;  /* -c FILE, or NULL for the default */
	bool offline;        /* -o */
	bool refresh;        /* -r */
	bool list;           /* -l */
	const char *article; /* -a N|URL|FILE, or NULL */
	const char *format;  /* -f plain|tsv|json */
	long width;          /* -w N, 0 = terminal width or 80 */
	bool check_config;   /* --check-config */
	const char *check;   /* --check URL, or NULL */
	char **urls;         /* positional and -u (borrowed from argv) */
	size_t nurls;
};

static const char usage_text[] =
    "usage: ifpnews [options] [URL ...]\n"
    "\n"
    "  -c, --config FILE     config file ($XDG_CONFIG_HOME/ifpnews/config)\n"
    "  -u, --url URL         a feed to read (as a positional URL)\n"
    "  -o, --offline         never use the network; read the cache\n"
    "  -r, --refresh         refetch now even if the cache is fresh\n"
    "  -l, --list            print the post list and exit\n"
    "  -a, --article N       print post N's article (1 = newest) and exit\n"
    "  -a, --article URL|FILE\n"
    "                        extract and print any article page, and exit\n"
    "  -f, --format FMT      for --list: plain (default), tsv, json\n"
    "  -w, --width N         wrap width for --article (default: terminal "
    "or 80)\n"
    "      --check-config    check the config file and exit\n"
    "      --check URL       diagnose one feed and exit\n"
    "  -V, --version         print the version and exit\n"
    "  -h, --help            print this help and exit\n"
    "\n"
    "Without a URL: the feeds of the config file, else "
    "https://ifpnews.com/feed/\n";

static IFP_NORETURN IFP_PRINTF(1, 2) void usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ifpnews: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'ifpnews --help'.\n", stderr);
	exit(EXIT_USAGE);
}

/* The config file's settings, from the parser's own table. */
static void
print_config_keys(FILE *f)
{
	size_t i;

	fputs("\nConfig file settings (see ifpnews(1), CONFIGURATION):\n", f);
	for (i = 0; i < config_nkeys; i++)
		fprintf(f, "  %s %s\n", config_keys[i].name,
		    config_keys[i].args);
}

/* Config errors on stderr, made safe for the terminal. */
static void
print_config_errors(const struct config_errors *errs, const char *prefix)
{
	char *s;
	size_t i;

	for (i = 0; i < errs->n; i++) {
		s = utf8_sanitize_str(errs->msgs[i], UTF8_ONELINE);
		fprintf(stderr, "%s%s\n", prefix, s);
		free(s);
	}
}

static void
parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option longopts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"url", required_argument, NULL, 'u'},
	    {"offline", no_argument, NULL, 'o'},
	    {"refresh", no_argument, NULL, 'r'},
	    {"list", no_argument, NULL, 'l'},
	    {"article", required_argument, NULL, 'a'},
	    {"format", required_argument, NULL, 'f'},
	    {"width", required_argument, NULL, 'w'},
	    {"check-config", no_argument, NULL, OPT_CHECK_CONFIG},
	    {"check", required_argument, NULL, OPT_CHECK},
	    {"version", no_argument, NULL, 'V'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *cause;
	long long n;
	int c, i;

	memset(o, 0, sizeof(*o));
	o->format = "plain";
	o->urls = xcalloc((size_t)argc + 1, sizeof(*o->urls));
	while ((c = getopt_long(argc, argv, "c:u:orla:f:w:Vh", longopts,
	            NULL)) != -1) {
		switch (c) {
		case 'c':
			o->config = optarg;
			break;
		case 'u':
			o->urls[o->nurls++] = optarg;
			break;
		case 'o':
			o->offline = true;
			break;
		case 'r':
			o->refresh = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'a':
			o->article = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "plain") != 0 &&
			    strcmp(optarg, "tsv") != 0 &&
			    strcmp(optarg, "json") != 0)
				usage_error("--format %s: not plain, tsv or "
				            "json",
				    optarg);
			o->format = optarg;
			break;
		case 'w':
			if (str_tonum(optarg, 10, 10000, &n, &cause) == -1)
				usage_error("--width %s: not a width from 10 "
				            "to "
				            "10000",
				    optarg);
			o->width = (long)n;
			break;
		case OPT_CHECK_CONFIG:
			o->check_config = true;
			break;
		case OPT_CHECK:
			o->check = optarg;
			break;
		case 'V':
			printf("ifpnews %s\n", IFPNEWS_VERSION);
			exit(EXIT_OK);
		case 'h':
			fputs(usage_text, stdout);
			print_config_keys(stdout);
			exit(EXIT_OK);
		default:
			fputs(usage_text, stderr);
			exit(EXIT_USAGE);
		}
	}
	for (i = optind; i < argc; i++)
		o->urls[o->nurls++] = argv[i];
	if (o->list && o->article != NULL)
		usage_error("--list and --article exclude each other");
}

/*
 * The current time: IFPNEWS_NOW (RFC 3339 or Unix seconds), else the
 * clock.  A '+' after the time starts a clock there that runs (now_runs).
 */
static time_t
get_now(void)
{
	const char *s = getenv("IFPNEWS_NOW");
	char *v;
	time_t t;
	int rc;

	if (s == NULL || *s == '\0')
		return time(NULL);
	v = xstrdup(s);
	if (v[strlen(v) - 1] == '+')
		v[strlen(v) - 1] = '\0';
	rc = date_parse_now(v, &t);
	free(v);
	if (rc == -1)
		usage_error("IFPNEWS_NOW=%s: not an RFC 3339 time or Unix "
		            "seconds (with a '+' after it: a clock that runs)",
		    s);
	return t;
}

/* Whether IFPNEWS_NOW's clock runs from its time (it ends in '+'). */
static bool
now_runs(void)
{
	const char *s = getenv("IFPNEWS_NOW");

	return s != NULL && *s != '\0' && s[strlen(s) - 1] == '+';
}

/* How --list and --article N get the posts. */
static void
list_opts_init(struct list_opts *lo, const struct opts *o,
    const struct config *cfg)
{
	memset(lo, 0, sizeof(*lo));
	lo->now = get_now();
	lo->offline = o->offline;
	lo->refresh = o->refresh;
	lo->config = cfg;
}

/* "4" is post 4; anything else is a URL or a file ("./4" too). */
static bool
post_number(const char *s)
{
	long long n;
	const char *cause;

	return str_tonum(s, 1, LLONG_MAX, &n, &cause) == 0;
}

/*
 * The interactive reader on the resolved URLs; titles from the config
 * when the URLs are its feeds.
 */
static int
run_ui(const struct opts *o, const struct config *cfg)
{
	const char **titles = NULL;
	const char *env = getenv("IFPNEWS_NOW");
	struct ui_opts uo;
	size_t i;
	int rc;

	memset(&uo, 0, sizeof(uo));
	uo.cfg = cfg;
	uo.urls = (const char *const *)o->urls;
	uo.nurls = o->nurls;
	if (cfg->nfeeds == o->nurls) {
		titles = xcalloc(o->nurls, sizeof(*titles));
		for (i = 0; i < o->nurls; i++)
			if (strcmp(cfg->feeds[i].url, o->urls[i]) == 0)
				titles[i] = cfg->feeds[i].title;
		uo.titles = titles;
	}
	load_opts_config(&uo.load, cfg);
	uo.load.offline = o->offline;
	uo.load.refresh = o->refresh;
	/* A fixed clock (tests) stands still, unless it runs from there;
	 * else the UI reads the clock. */
	uo.fixed_now = env != NULL && *env != '\0' ? get_now() : 0;
	uo.clock_runs = now_runs();
	uo.no_color = getenv("NO_COLOR") != NULL && *getenv("NO_COLOR") != '\0';
	/* The terminal's character set, for curses only: the core never
	 * depends on the locale. */
	setlocale(LC_CTYPE, "");
	rc = ui_run(&uo);
	free(titles);
	return rc;
}

int
main(int argc, char **argv)
{
	static char ifp_feed[] = "https://ifpnews.com/feed/";
	struct config_errors errs = {NULL, 0};
	struct config *cfg;
	struct opts o;
	char *used;
	int rc = EXIT_OK;
	size_t i;

	parse_opts(argc, argv, &o);
	if (config_load(o.config, &cfg, &used, &errs) == -1) {
		/* --check-config: compiler-style lines an editor can follow. */
		print_config_errors(&errs, o.check_config ? "" : "ifpnews: ");
		rc = EXIT_USAGE;
	} else if (o.check_config) {
		if (used != NULL)
			printf("%s: ok\n", used);
		else
			printf("no config file: the defaults apply\n");
	} else {
		/* No URL: the config's feeds, else IFP's. */
		if (o.nurls == 0 && cfg != NULL && cfg->nfeeds > 0) {
			o.urls = xreallocarray(o.urls, cfg->nfeeds + 1,
			    sizeof(*o.urls));
			for (i = 0; i < cfg->nfeeds; i++)
				o.urls[o.nurls++] = cfg->feeds[i].url;
		}
		if (o.nurls == 0)
			o.urls[o.nurls++] = ifp_feed;
		if (o.check != NULL) {
			struct load_opts co;

			load_opts_config(&co, cfg);
			co.now = get_now();
			co.offline = o.offline;
			rc = cmd_check(o.check, &co);
		} else if (o.article != NULL && !post_number(o.article)) {
			struct load_opts ao;

			load_opts_config(&ao, cfg);
			ao.now = get_now();
			ao.offline = o.offline;
			ao.refresh = o.refresh;
			rc = cmd_article_url(o.article, &ao, o.width);
		} else if (o.list) {
			struct list_opts lo;

			list_opts_init(&lo, &o, cfg);
			if (output_format_parse(o.format, &lo.format) == -1)
				usage_error("--format %s: not plain, tsv or "
				            "json",
				    o.format);
			rc = cmd_list(o.urls, o.nurls, &lo);
		} else if (o.article != NULL) {
			struct list_opts lo;

			list_opts_init(&lo, &o, cfg);
			rc = cmd_article(o.article, o.urls, o.nurls, &lo,
			    o.width);
		} else
			rc = run_ui(&o, cfg);
	}
	config_errors_clear(&errs);
	config_free(cfg);
	free(used);
	free(o.urls);
	return rc;
}

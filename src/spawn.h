/*
 * spawn -- open a link in the web browser, never through a shell.
 *
 * Shell: fork and exec.  The URL is always one argv element of its own,
 * and only http and https URLs are passed (SPEC "Safety").  The browser
 * runs detached: in its own session, with stdin, stdout and stderr on
 * /dev/null, so it can neither read the keys nor draw over the curses
 * screen, and ifpnews never waits for it to end.  *as in sfeed_curses
 * forkexec().*
 */
#ifndef IFPNEWS_SPAWN_H
#define IFPNEWS_SPAWN_H

/*
 * Open url with the browser command argv (NULL-terminated, borrowed; the
 * config's "browser").  A word that is exactly %u or %s becomes the URL;
 * without one the URL is added as the last word.  argv NULL: $BROWSER,
 * split into words (a colon-separated list is tried in order, as the
 * BROWSER convention has it), else xdg-open.  Returns 0 once the browser
 * program has started, or -1 with *cause (caller frees): "not an http or
 * https URL", or the command and why it could not run.
 */
int spawn_browser(char *const *argv, const char *url, char **cause);

#endif

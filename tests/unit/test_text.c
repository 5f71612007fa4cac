/*
 * test_text -- HTML character references and HTML to one-line text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"
#include "util.h"

static void
check_decode(const char *in, const char *want)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(text_decode_entities(&b, in, strlen(in)), 0);
	if (strcmp(buf_str(&b), want) != 0)
		fail_msg("decode(%s) = %s, want %s", in, buf_str(&b), want);
	buf_clear(&b);
}

static void
check_line(const char *in, const char *want)
{
	char *got = text_from_html(in, strlen(in));

	if (want == NULL) {
		assert_null(got);
		return;
	}
	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("line(%s) = %s, want %s", in, got ? got : "NULL",
		    want);
	free(got);
}

static void
named_references_as_html5_reads_them(void **state)
{
	(void)state;
	check_decode("&amp; &lt; &gt; &quot; &apos;", "& < > \" '");
	check_decode("&nbsp;&eacute;&hellip;&mdash;&rsquo;", "\xC2\xA0é…—’");
	check_decode("&NotEqualTilde;", "\xE2\x89\x82\xCC\xB8");
	/* Legacy names without ';', also as a prefix. */
	check_decode("&amp &copy2024 &notit;", "& ©2024 ¬it;");
	check_decode("&bogus; & &; &#; &#x;", "&bogus; & &; &#; &#x;");
	/* Once: the result is not decoded again. */
	check_decode("&amp;amp; &amp;#38;", "&amp; &#38;");
}

static void
numeric_references_with_the_windows_1252_remap(void **state)
{
	(void)state;
	check_decode("&#8217;&#x2019;&#X2019;", "’’’");
	check_decode("&#150;&#147;&#148;&#128;&#x9B;", "–“”€›");
	check_decode("&#0;&#xD800;&#x110000;&#99999999999;",
	    "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	check_decode("&#129;", "\xC2\x81"); /* unassigned: kept, then
	                                       removed on output */
	check_decode("&#38", "&");
	assert_int_equal(text_numeric_ref(0x9D), 0x9D);
	assert_int_equal(text_numeric_ref(0x80), 0x20AC);
}

static void
attribute_rule_for_legacy_names(void **state)
{
	char out[TEXT_ENTITY_MAX];
	size_t n;

	(void)state;
	assert_int_equal(text_decode_entity("&copy=1", 7, true, out, &n), 0);
	assert_int_equal(text_decode_entity("&copy=1", 7, false, out, &n), 5);
	assert_int_equal(text_decode_entity("&copy;", 6, true, out, &n), 6);
	assert_int_equal(n, 2);
	assert_int_equal(text_decode_entity("x", 1, false, out, &n), 0);
}

static void
html_becomes_one_line_of_text(void **state)
{
	(void)state;
	check_line("<p>Hello <b>wor</b>ld</p><p>again</p>",
	    "Hello world again");
	check_line("  a \n\t b  ", "a b");
	check_line("x<br>y<br/>z", "x y z");
	check_line("<script>alert('<p>')</script>ok<style>p{}</style>", "ok");
	check_line("<SCRIPT type=x>bad</SCRIPT >good", "good");
	check_line("a<!-- <p>hidden</p> -->b", "ab");
	check_line("<!DOCTYPE html><?pi x?>t", "t");
	check_line("1 < 2 and 3 > 2", "1 < 2 and 3 > 2");
	check_line("&lt;for&gt; &amp;amp;", "<for> &amp;");
	check_line("<a href=\"x>y\">link</a>", "link");
	check_line("Tehran &#038; Moscow &#8220;North&#8211;South&#8221;",
	    "Tehran & Moscow “North–South”");
	check_line("</p>end [&#8230;]</p>", "end […]");
	check_line("", NULL);
	check_line("<p> </p>", NULL);
	check_line("<script>never closed", NULL);
	check_line("a&#32;&#32;b", "a b");
}

static void
markup_that_never_ends_is_text(void **state)
{
	(void)state;
	check_line("<!DOCTYPE", "<!DOCTYPE");
	check_line(" <!DOCTYPE ~", "<!DOCTYPE ~");
	check_line("x <!y y", "x <!y y");
	check_line("a <b and", "a <b and");
	check_line("a <b title='x>y", "a <b title='x>y");
	check_line("<![CDATA[<script></script>]]&gt;", "<![CDATA[]]>");
	check_line("1 </ 2 <3 <> <=", "1 </ 2 <3 <> <=");
	/* Comments: "-->", else the first '>', else the end. */
	check_line("safe<!--", "safe");
	check_line("sa<!-- -- nonwhitespace >fe<script>alert(1);</script>",
	    "safe");
	check_line("a<!-->b<!--->c<!-- x --!>d", "abcd");
	/* CDATA wrapped twice is unwrapped; raw text ends at "</name". */
	check_line("<![CDATA[<p>x</p>]]> y", "x y");
	check_line("<script>a</scripts></script >b<style>c</style/>d", "bd");
	check_line("<p title='a>b' x=\"c>d\">t</p><a href=x/>u</a>", "t u");
	check_line("<code>&lt;br /></code>", "<br />");
	/* After markup that runs to the end, the rest is text (and is not
	 * searched to the end again for each later '<'). */
	check_line("<a x=\"1 <b>2", "<a x=\"1 <b>2");
	check_line("<![CDATA[a<![CDATA[b <!-- c > d", "<![CDATA[a<![CDATA[b d");
}

static void
check_c1(const char *in, const char *want)
{
	struct buf b;

	buf_init(&b, BUF_NOLIMIT);
	assert_int_equal(text_fix_c1(&b, in, strlen(in)), 0);
	assert_string_equal(buf_str(&b), want);
	buf_clear(&b);
}

static void
c1_controls_become_what_was_meant(void **state)
{
	(void)state;
	assert_false(text_has_c1("caf\xC3\xA9 \xC2\xA0", 8));
	assert_true(text_has_c1("x\xC2\x92", 3));
	assert_false(text_has_c1(NULL, 0));
	check_c1("don\xC2\x92t \xC2\x80 \xC2\x9B", "don’t € ›");
	/* E2 80 A6 (…) read as Latin-1; F0 9F 98 80 (😀) likewise. */
	check_c1("\xC3\xA2\xC2\x80\xC2\xA6.", "….");
	check_c1("\xC3\xB0\xC2\x9F\xC2\x98\xC2\x80", "😀");
	/* Unassigned in Windows-1252: kept; no C1 in it: left alone. */
	check_c1("\xC2\x81\xC2\x9D", "\xC2\x81\xC2\x9D");
	check_c1("\xC3\x83\xC2\xA9", "\xC3\x83\xC2\xA9");
	/* A lead without its continuations: only the C1 is mapped. */
	check_c1("\xC3\xA2\xC2\x80", "\xC3\xA2€");
}

static void
lexer_tokens_and_attributes(void **state)
{
	static const char html[] = "a<img SRC=\"x y\" alt='q' data-x=z/ "
	                           "checked/><!--c-->"
	                           "</P ><script>1<2</script>";
	struct text_lexer lx;
	struct text_token t;
	struct text_attr a;
	size_t pos = 0;

	(void)state;
	text_lex_init(&lx, html, strlen(html));
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_TEXT);
	assert_int_equal(t.len, 1);
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_START);
	assert_true(text_name_is(t.name, t.namelen, "img"));
	assert_true(t.selfclose);
	assert_true(text_attr_next(&t, &pos, &a));
	assert_true(text_name_is(a.name, a.namelen, "src"));
	assert_int_equal(a.valuelen, 3);
	assert_memory_equal(a.value, "x y", 3);
	assert_true(text_attr_next(&t, &pos, &a));
	assert_memory_equal(a.value, "q", 1);
	assert_true(text_attr_next(&t, &pos, &a));
	assert_true(text_name_is(a.name, a.namelen, "data-x"));
	assert_int_equal(a.valuelen, 2); /* "z/": unquoted */
	assert_true(text_attr_next(&t, &pos, &a));
	assert_true(text_name_is(a.name, a.namelen, "checked"));
	assert_null(a.value);
	assert_false(text_attr_next(&t, &pos, &a));
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_OTHER);
	assert_int_equal(t.len, 8);
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_END);
	assert_true(text_name_is(t.name, t.namelen, "p"));
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_START);
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_RAW);
	assert_memory_equal(t.s, "1<2", 3);
	assert_true(text_lex_next(&lx, &t));
	assert_int_equal(t.kind, TEXT_TOK_END);
	assert_false(text_lex_next(&lx, &t));
}

static void
collapse_and_escape(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	s = text_collapse_str("  a  b\n", 7);
	assert_string_equal(s, "a b");
	free(s);
	assert_null(text_collapse_str(" \t\n", 3));
	buf_init(&b, BUF_NOLIMIT);
	text_escape_html(&b, "<a & \"b\">", 9);
	assert_string_equal(buf_str(&b), "&lt;a &amp; &quot;b&quot;&gt;");
	buf_clear(&b);
}

static void
entity_table_is_sorted(void **state)
{
	size_t i;

	(void)state;
	assert_true(text_entities_len > 2000);
	for (i = 1; i < text_entities_len; i++)
		assert_true(strcmp(text_entities[i - 1].name,
		                text_entities[i].name) < 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(named_references_as_html5_reads_them),
	    cmocka_unit_test(numeric_references_with_the_windows_1252_remap),
	    cmocka_unit_test(attribute_rule_for_legacy_names),
	    cmocka_unit_test(html_becomes_one_line_of_text),
	    cmocka_unit_test(markup_that_never_ends_is_text),
	    cmocka_unit_test(lexer_tokens_and_attributes),
	    cmocka_unit_test(c1_controls_become_what_was_meant),
	    cmocka_unit_test(collapse_and_escape),
	    cmocka_unit_test(entity_table_is_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

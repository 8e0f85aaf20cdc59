import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/**
 * Markdown → HTML that is safe to inject. Pure and synchronous, so the server (question pages,
 * exports) and the browser (live preview) render identically.
 *
 * Two layers, so one mistake is not enough for an injection:
 * 1. remark-rehype drops raw HTML in the Markdown (allowDangerousHtml stays off);
 * 2. rehype-sanitize applies GitHub's allowlist to whatever is left: no script/iframe/svg/style,
 *    no on* attributes, and only http(s)/mailto URLs (javascript:, data:, vbscript: are removed).
 * Links additionally get rel="nofollow noopener noreferrer" because prompts are user content.
 */
const schema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ["http", "https", "mailto"],
    src: ["http", "https"],
    cite: ["http", "https"],
  },
};

interface HastNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

function rehypeSafeLinks() {
  const walk = (node: HastNode) => {
    if (node.type === "element" && node.tagName === "a") {
      node.properties = { ...node.properties, rel: ["nofollow", "noopener", "noreferrer"] };
    }
    node.children?.forEach(walk);
  };
  return (tree: HastNode) => walk(tree);
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(rehypeSanitize, schema)
  .use(rehypeSafeLinks)
  .use(rehypeStringify)
  .freeze();

/** Hard cap on input: rendering is linear, but previews should never be handed megabytes. */
export const MARKDOWN_RENDER_LIMIT = 100_000;

export function renderMarkdown(markdown: string): string {
  const input = markdown.length > MARKDOWN_RENDER_LIMIT ? markdown.slice(0, MARKDOWN_RENDER_LIMIT) : markdown;
  return String(processor.processSync(input));
}

/** Plain text for snippets, CSV cells and search: Markdown syntax characters mostly removed. */
export function markdownToPlainText(markdown: string): string {
  return renderMarkdown(markdown)
    .replace(/<[^>]*>/g, " ")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

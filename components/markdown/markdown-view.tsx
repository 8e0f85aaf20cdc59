import { renderMarkdown } from "@/lib/markdown/render-markdown";
import { cn } from "@/lib/cn";
import { markdownClasses } from "./markdown-classes";

/**
 * Renders user Markdown. The HTML comes only from `renderMarkdown`, which drops raw HTML and
 * sanitizes against an allowlist — that is what makes the innerHTML below safe.
 */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  return <div className={cn(markdownClasses, className)} dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />;
}


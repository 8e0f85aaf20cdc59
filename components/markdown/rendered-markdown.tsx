import { cn } from "@/lib/cn";
import { markdownClasses } from "./markdown-classes";

/**
 * Markdown already rendered on the server (by `renderMarkdown`, sanitized): the room gets HTML per
 * immutable question version, so it ships no Markdown pipeline to the browser.
 */
export function RenderedMarkdown({ html, className }: { html: string; className?: string }) {
  return <div className={cn(markdownClasses, className)} dangerouslySetInnerHTML={{ __html: html }} />;
}

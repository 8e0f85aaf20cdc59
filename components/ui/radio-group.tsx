"use client";

import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { cn } from "@/lib/cn";

export interface RadioOption<V extends string | number> {
  value: V;
  /** Content of the radio (its accessible name, unless `ariaLabel` is given). */
  label: ReactNode;
  ariaLabel?: string;
  /** The digit key that picks this option while focus is in the group (none: no digit). */
  digit?: number;
}

/**
 * A real radio group (WAI-ARIA radio pattern): one tab stop (the checked radio, or the first),
 * arrows move and select, Home/End jump, digits pick, Space/Enter on a radio picks it. Clicking
 * (or Space on) the checked radio clears the choice when `clearable`, which is how a rubric level
 * goes back to "not assessed".
 */
export function RadioGroup<V extends string | number>({
  label,
  options,
  value,
  onChange,
  disabled,
  clearable,
  handleDigits = true,
  className,
  radioClassName,
  ...rest
}: {
  label: string;
  options: RadioOption<V>[];
  value: V | null;
  onChange: (value: V | null) => void;
  disabled?: boolean;
  clearable?: boolean;
  /** False when the room's own shortcut handler owns digits for this group (a criterion's levels). */
  handleDigits?: boolean;
  className?: string;
  radioClassName: (checked: boolean) => string;
} & { [data: `data-${string}`]: string | number | undefined }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const checkedIndex = options.findIndex((o) => o.value === value);
  const tabStop = checkedIndex === -1 ? 0 : checkedIndex;

  const pick = (index: number) => {
    const option = options[index];
    if (!option || disabled) return;
    refs.current[index]?.focus();
    if (option.value !== value) onChange(option.value);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey || disabled) return;
    const current = options.findIndex((_, i) => refs.current[i] === e.target);
    const from = current === -1 ? tabStop : current;
    const n = options.length;
    let next: number | null = null;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") next = (from + 1) % n;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") next = (from - 1 + n) % n;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = n - 1;
    else if (handleDigits && /^[0-9]$/.test(e.key)) {
      const i = options.findIndex((o) => o.digit === Number(e.key));
      if (i === -1) return;
      next = i;
    }
    if (next === null) return;
    e.preventDefault();
    pick(next);
  };

  return (
    <div role="radiogroup" aria-label={label} aria-disabled={disabled || undefined} onKeyDown={onKeyDown} className={className} {...rest}>
      {options.map((o, i) => {
        const checked = i === checkedIndex;
        return (
          <button
            key={String(o.value)}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={o.ariaLabel}
            tabIndex={i === tabStop ? 0 : -1}
            disabled={disabled}
            onClick={() => {
              if (disabled) return;
              if (checked) {
                if (clearable) onChange(null);
              } else onChange(o.value);
            }}
            className={cn(radioClassName(checked), "disabled:cursor-not-allowed")}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import type { ChangePasswordDialog, ChangePasswordDialogHandle } from "@/components/auth/change-password-dialog";
import { fetchJson } from "@/lib/api/fetch-json";
import { cn } from "@/lib/cn";

export interface OrganizationChoice {
  id: string;
  name: string;
  active: boolean;
}

// The menu is on every page, the interview room included, and its actions are rare: what they
// need (next-auth's client, the password dialog and its schema, i.e. zod) loads on first use,
// not with every page.
const signOut = async (opts: { callbackUrl: string }) => (await import("next-auth/react")).signOut(opts);

const ITEM =
  "block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800";

export function UserMenu({
  name,
  email,
  roleLabel,
  organizations = [],
}: {
  name: string;
  email: string;
  roleLabel: string;
  organizations?: OrganizationChoice[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [switchError, setSwitchError] = useState<string | null>(null);

  async function switchTo(id: string) {
    setSwitchError(null);
    try {
      await fetchJson("/api/me/organization", { method: "PUT", json: { organizationId: id } });
      setOpen(false);
      router.push("/");
      router.refresh();
    } catch (err) {
      setSwitchError(err instanceof Error ? err.message : "Could not switch organization.");
    }
  }
  const menuId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const changePassword = useRef<ChangePasswordDialogHandle>(null);
  const [PasswordDialog, setPasswordDialog] = useState<typeof ChangePasswordDialog | null>(null);
  const openWhenLoaded = useRef(false);
  useEffect(() => {
    if (PasswordDialog && openWhenLoaded.current) {
      openWhenLoaded.current = false;
      changePassword.current?.open();
    }
  }, [PasswordDialog]);

  async function openChangePassword() {
    setOpen(false);
    if (PasswordDialog) return changePassword.current?.open();
    const { ChangePasswordDialog: Dialog } = await import("@/components/auth/change-password-dialog");
    openWhenLoaded.current = true;
    setPasswordDialog(() => Dialog);
  }
  const [signOutError, setSignOutError] = useState<string | null>(null);

  /** Ends every session of the account (this one too), then clears this browser's cookie. */
  async function signOutEverywhere() {
    if (!window.confirm("Sign out of Panelist on every device and browser, this one included?")) return;
    setSignOutError(null);
    try {
      await fetchJson("/api/me/sessions/revoke-all", { method: "POST" });
      await signOut({ callbackUrl: "/sign-in" });
    } catch (err) {
      setSignOutError(err instanceof Error ? err.message : "Could not sign out everywhere.");
    }
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  return (
    <div className="relative" ref={ref}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        className="flex items-center gap-2 rounded-md px-2 py-1 text-sm font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 dark:hover:bg-slate-800"
      >
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-indigo-600 text-xs font-semibold text-white">
          {name.slice(0, 1).toUpperCase()}
        </span>
        {name}
      </button>
      <div
        id={menuId}
        role="menu"
        hidden={!open}
        className={cn("absolute right-0 z-20 mt-2 w-60 rounded-md border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900")}
      >
        <div className="px-3 py-2 text-xs text-slate-600 dark:text-slate-400">
          <div className="truncate">{email}</div>
          <div>{roleLabel}</div>
        </div>
        {organizations.length > 1 && (
          <div className="border-y border-slate-200 py-1 dark:border-slate-700">
            <p className="px-3 py-1 text-xs font-medium text-slate-600 dark:text-slate-400">Switch organization</p>
            {organizations.map((o) => (
              <button
                key={o.id}
                type="button"
                role="menuitemradio"
                aria-checked={o.active}
                disabled={o.active}
                onClick={() => switchTo(o.id)}
                className="block w-full rounded px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:font-semibold dark:hover:bg-slate-800"
              >
                {o.name}
              </button>
            ))}
            {switchError && <p role="alert" className="px-3 py-1 text-xs text-red-700 dark:text-red-400">{switchError}</p>}
          </div>
        )}
        <button
          type="button"
          role="menuitem"
          onClick={() => void openChangePassword()}
          className={ITEM}
        >
          Change password
        </button>
        <button type="button" role="menuitem" onClick={signOutEverywhere} className={ITEM}>
          Sign out of all devices
        </button>
        {signOutError && <p role="alert" className="px-3 py-1 text-xs text-red-700 dark:text-red-400">{signOutError}</p>}
        <button type="button" role="menuitem" onClick={() => signOut({ callbackUrl: "/sign-in" })} className={ITEM}>
          Sign out
        </button>
      </div>
      {PasswordDialog && <PasswordDialog ref={changePassword} />}
    </div>
  );
}

"use client";

import { signOut } from "next-auth/react";
import { useTransition } from "react";
import { signOutEverywhereAction } from "@/app/dashboard/actions";
import { Button } from "@/components/ui/button";

export function SignOutEverywhere() {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="danger"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          if (!window.confirm("Sign out of DotEnv on every device, including this one?")) return;
          await signOutEverywhereAction();
          await signOut({ callbackUrl: "/login" });
        })
      }
    >
      {pending ? "Signing out…" : "Sign out everywhere"}
    </Button>
  );
}

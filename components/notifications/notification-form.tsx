"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { saveNotificationsAction } from "@/lib/actions/notifications";
import { initialActionResult } from "@/lib/actions/result";
import { Button } from "@/components/ui/button";
import { CONTROL_CLASS } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { TextField } from "@/components/ui/text-field";
import { useMessage } from "@/components/ui/use-message";

export type SavedNotifications = {
  summaryEnabled: boolean;
  completedEnabled: boolean;
  days: number[];
  hour: number | null;
  emails: string;
  pendingHours: number | null;
  eachRequest: boolean;
};

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`);
const CLEARED = { summaryEnabled: false, completedEnabled: false, days: [] as number[], time: "", emails: "", pendingHours: "", eachRequest: false };

/**
 * The Notifications form (contracts §8). Its fields are controlled: Clear empties them and turns everything off in the
 * form only, and nothing is saved until Submit, whose answer is announced (politely on success).
 */
export function NotificationForm({ saved, showCompleted }: { saved: SavedNotifications; showCompleted: boolean }) {
  const t = useTranslations("notifications");
  const tDays = useTranslations("notifications.days");
  const m = useMessage();
  const [state, action, saving] = useActionState(saveNotificationsAction, initialActionResult);
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState({
    summaryEnabled: saved.summaryEnabled,
    completedEnabled: saved.completedEnabled,
    days: saved.days,
    time: saved.hour === null ? "" : HOURS[saved.hour]!,
    emails: saved.emails,
    pendingHours: saved.pendingHours === null ? "" : String(saved.pendingHours),
    eachRequest: saved.eachRequest,
  });
  const [cleared, setCleared] = useState(false);
  const errors = (field: string) => state.fieldErrors?.[field]?.map((k) => m(k));
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setCleared(false);
    setForm((f) => ({ ...f, [key]: value }));
  };

  useEffect(() => {
    if (state.fieldErrors && Object.keys(state.fieldErrors).length > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [state]);

  // Submitted by hand rather than as a form action, so that React does not reset the form after the answer: the
  // fields keep what the user typed (saved, or to be corrected). Without JavaScript the form action still works.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCleared(false);
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };

  const [before, after] = t("pendingHours", { hours: "\u0000" }).split("\u0000") as [string, string];
  const dayErrors = errors("days");
  const pendingErrors = errors("pendingHours");
  const timeErrors = errors("time");

  return (
    <form ref={formRef} action={action} onSubmit={submit} className="flex max-w-3xl flex-col gap-5" noValidate>
      {state.messageKey && !cleared && <Notice tone={state.ok ? "success" : "error"}>{m(state.messageKey, state.values)}</Notice>}
      {cleared && <Notice tone="info">{t("clearedNotice")}</Notice>}

      <label className="check font-medium">
        <input type="checkbox" name="summaryEnabled" checked={form.summaryEnabled} onChange={(e) => set("summaryEnabled", e.target.checked)} />
        {t("enableSummary")}
      </label>

      {showCompleted && (
        <label className="check font-medium">
          <input type="checkbox" name="completedEnabled" checked={form.completedEnabled} onChange={(e) => set("completedEnabled", e.target.checked)} />
          {t("completedNotification")}
        </label>
      )}

      <fieldset aria-describedby={dayErrors ? "notification-days-error" : undefined} aria-invalid={dayErrors ? true : undefined}>
        <legend className="mb-1 text-sm font-medium text-gray-800">{t("selectDays")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {DAYS.map((day) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                name="days"
                value={String(day)}
                checked={form.days.includes(day)}
                aria-invalid={dayErrors ? true : undefined}
                onChange={(e) => set("days", e.target.checked ? [...form.days, day].sort() : form.days.filter((d) => d !== day))}
              />
              {tDays(String(day) as "1")}
            </label>
          ))}
        </div>
        {dayErrors && (
          <ul id="notification-days-error" className="text-sm text-red-700">
            {dayErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </fieldset>

      <div className="flex flex-col gap-1">
        <label htmlFor="notification-time" className="text-sm font-medium text-gray-800">
          {t("selectTime")}
        </label>
        <select
          id="notification-time"
          name="time"
          value={form.time}
          onChange={(e) => set("time", e.target.value)}
          aria-invalid={timeErrors ? true : undefined}
          aria-describedby={["notification-time-hint", timeErrors ? "notification-time-error" : ""].filter(Boolean).join(" ")}
          className={`${CONTROL_CLASS} w-40`}
        >
          <option value="">{t("noTime")}</option>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
        </select>
        <p id="notification-time-hint" className="text-xs text-gray-600">
          {t("timeHint")}
        </p>
        {timeErrors && (
          <ul id="notification-time-error" className="text-sm text-red-700">
            {timeErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>

      <TextField
        name="emails"
        id="notification-emails"
        type="text"
        inputMode="email"
        autoComplete="email"
        spellCheck={false}
        label={t("emails")}
        hint={t("emailsHint")}
        value={form.emails}
        onChange={(e) => set("emails", e.target.value)}
        errors={errors("emails")}
        maxLength={2000}
      />

      <div className="flex flex-col gap-1">
        {/* The number sits inside its sentence; the label is the whole sentence. */}
        <label htmlFor="notification-pending-hours" className="flex flex-wrap items-center gap-2 text-sm font-medium text-gray-800">
          <span>{before.trim()}</span>
          <input
            id="notification-pending-hours"
            name="pendingHours"
            type="text"
            inputMode="numeric"
            pattern="[0-9]*"
            size={4}
            maxLength={3}
            value={form.pendingHours}
            onChange={(e) => set("pendingHours", e.target.value)}
            aria-invalid={pendingErrors ? true : undefined}
            aria-describedby={["notification-pending-hint", pendingErrors ? "notification-pending-error" : ""].filter(Boolean).join(" ")}
            className={`${CONTROL_CLASS} w-20`}
          />
          <span>{after.trim()}</span>
        </label>
        <p id="notification-pending-hint" className="text-xs text-gray-600">
          {t("pendingHoursHint")}
        </p>
        {pendingErrors && (
          <ul id="notification-pending-error" className="text-sm text-red-700">
            {pendingErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </div>

      <label className="check font-medium">
        <input type="checkbox" name="eachRequest" checked={form.eachRequest} onChange={(e) => set("eachRequest", e.target.checked)} />
        {t("eachRequest")}
      </label>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={saving} aria-busy={saving}>
          {t("submit")}
        </Button>
        <Button
          type="button"
          variant="secondary"
          aria-describedby="notification-clear-hint"
          onClick={() => {
            setForm(CLEARED);
            setCleared(true);
          }}
        >
          {t("clear")}
        </Button>
      </div>
      <p id="notification-clear-hint" className="text-xs text-gray-600">
        {t("clearHint")}
      </p>
    </form>
  );
}

// The social-selling actions of a prospect (CP3.9): the query reading them and what each
// write makes stale. An action is recorded in the prospect file as an exchange on the
// channel « social », so recording one changes the file's own queries too (prospects.ts).
import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../client";
import { invalidate } from "./invalidate";
import { prospectsChanged } from "./prospects";

const keys = {
  /** Every list of social actions (a prospect's, the trainee's). */
  all: ["social-actions"] as const,
  prospect: (prospectId: number) => ["social-actions", { prospect_id: prospectId }] as const,
};

/** How many of a prospect's actions the card reads (the latest first). */
export const PROSPECT_ACTIONS_LIMIT = 100;

export const socialActionQueries = {
  /** A prospect's actions, the latest first. */
  ofProspect: (prospectId: number) =>
    queryOptions({
      queryKey: keys.prospect(prospectId),
      queryFn: () =>
        unwrap(
          api.GET("/api/v1/prospects/{prospect_id}/social-actions", {
            params: { path: { prospect_id: prospectId }, query: { limit: PROSPECT_ACTIONS_LIMIT } },
          }),
        ),
    }),
};

/** What each write makes stale. */
export const socialActionsChanged = {
  /** An action recorded: the lists of actions, and the prospect file (its exchange, the
   * status and next contact it set, the appointment it took, the lists). */
  recorded: (qc: QueryClient, prospectId: number) =>
    Promise.all([invalidate(qc, keys.all), prospectsChanged.interaction(qc, prospectId)]),
  /** An action's outcome or notes changed, or the action deleted: the exchange stays in the
   * file as it was recorded, so only the lists of actions change. */
  changed: (qc: QueryClient) => invalidate(qc, keys.all),
};

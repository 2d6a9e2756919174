import {
  addNote,
  approveCase,
  editBrief,
  escalateCase,
  markSpam,
  mergeLead,
  reassignCase,
  requestConsent,
  undoMerge,
  ZAddNoteInput,
  ZApproveInput,
  ZEditBriefInput,
  ZEscalateInput,
  ZMarkSpamInput,
  ZMergeLeadInput,
  ZReassignInput,
  ZRequestConsentInput,
  ZUndoMergeInput,
} from "../../services/review/case-actions";
import { loadCaseForReview, ZCaseGetInput } from "../../services/review/case-view";
import {
  claimCase,
  releaseClaim,
  touchClaim,
  ZClaimInput,
  ZReleaseInput,
  ZTouchInput,
} from "../../services/review/claims";
import { createTRPCRouter, procedureWith } from "../trpc";

// The case view and everything a reviewer does on it. Taking over a claim, acting on an escalated
// case and revealing masked data need finer permissions, checked inside the services.
const work = procedureWith("queue:work");

export const casesRouter = createTRPCRouter({
  get: procedureWith("cases:read")
    .input(ZCaseGetInput)
    .query(({ ctx, input }) => loadCaseForReview(ctx.db, ctx.user, input.caseId)),
  /** The case with masked data shown: a mutation, because every reveal is audited. */
  reveal: procedureWith("cases:read")
    .input(ZCaseGetInput)
    .mutation(({ ctx, input }) => loadCaseForReview(ctx.db, ctx.user, input.caseId, { reveal: true })),
  claim: work.input(ZClaimInput).mutation(({ ctx, input }) => claimCase(ctx.db, ctx.user, input)),
  release: work.input(ZReleaseInput).mutation(({ ctx, input }) => releaseClaim(ctx.db, ctx.user, input)),
  touch: work.input(ZTouchInput).mutation(({ ctx, input }) => touchClaim(ctx.db, ctx.user, input)),
  approve: work.input(ZApproveInput).mutation(({ ctx, input }) => approveCase(ctx.db, ctx.user, input)),
  reassign: work.input(ZReassignInput).mutation(({ ctx, input }) => reassignCase(ctx.db, ctx.user, input)),
  mergeLead: work.input(ZMergeLeadInput).mutation(({ ctx, input }) => mergeLead(ctx.db, ctx.user, input)),
  undoMerge: work.input(ZUndoMergeInput).mutation(({ ctx, input }) => undoMerge(ctx.db, ctx.user, input)),
  markSpam: work.input(ZMarkSpamInput).mutation(({ ctx, input }) => markSpam(ctx.db, ctx.user, input)),
  requestConsent: work
    .input(ZRequestConsentInput)
    .mutation(({ ctx, input }) => requestConsent(ctx.db, ctx.user, input)),
  editBrief: work.input(ZEditBriefInput).mutation(({ ctx, input }) => editBrief(ctx.db, ctx.user, input)),
  addNote: work.input(ZAddNoteInput).mutation(({ ctx, input }) => addNote(ctx.db, ctx.user, input)),
  escalate: work.input(ZEscalateInput).mutation(({ ctx, input }) => escalateCase(ctx.db, ctx.user, input)),
});

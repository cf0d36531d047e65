// The API's schema types under their own names, one place for every page
// (generated types: src/api/schema.d.ts).
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];

/** The query parameters of a GET route. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type AppointmentOut = Schemas["AppointmentOut"];
export type AssessmentCreate = Schemas["AssessmentCreate"];
export type AssessmentLevel = Schemas["AssessmentLevel"];
export type AssessmentOut = Schemas["AssessmentOut"];
export type BloctelReport = Schemas["BloctelReport"];
export type CallScriptOut = Schemas["CallScriptOut"];
export type Channel = Schemas["Channel"];
export type CohortOut = Schemas["CohortOut"];
export type CompetencePortfolio = Schemas["CompetencePortfolio"];
export type CompetitorCreate = Schemas["CompetitorCreate"];
export type CompetitorOut = Schemas["CompetitorOut"];
export type ConsentCreate = Schemas["ConsentCreate"];
export type ConsentOut = Schemas["ConsentOut"];
export type ContactCreate = Schemas["ContactCreate"];
export type ContactOut = Schemas["ContactOut"];
export type CriterionPortfolio = Schemas["CriterionPortfolio"];
export type DayOut = Schemas["DayOut"];
export type Digest = Schemas["Digest"];
export type DuplicatePolicy = Schemas["DuplicatePolicy"];
export type GeocodePrecision = Schemas["GeocodePrecision"];
export type GeocodeProvider = Schemas["GeocodeProvider"];
export type ImportField = Schemas["ImportField"];
export type ImportJobOut = Schemas["ImportJobOut"];
export type ImportJobSummary = Schemas["ImportJobSummary"];
export type ImportRules = Schemas["ImportRules"];
export type ImportStatus = Schemas["ImportStatus"];
export type InteractionCreate = Schemas["InteractionCreate"];
export type ItemCreate = Schemas["ItemCreate"];
export type ItemOut = Schemas["ItemOut"];
export type ItemUpdate = Schemas["ItemUpdate"];
export type MeOut = Schemas["MeOut"];
export type MemberOut = Schemas["MemberOut"];
export type MembersReport = Schemas["MembersReport"];
export type MileageDayOut = Schemas["MileageDayOut"];
export type MileageOut = Schemas["MileageOut"];
export type Outcome = Schemas["Outcome"];
export type PersonaCreate = Schemas["PersonaCreate"];
export type PersonaOut = Schemas["PersonaOut"];
export type Portfolio = Schemas["Portfolio"];
export type Priority = Schemas["Priority"];
export type PrivacyRequestKind = Schemas["PrivacyRequestKind"];
export type PrivacyRequestOut = Schemas["PrivacyRequestOut"];
export type PrivacyRequestStatus = Schemas["PrivacyRequestStatus"];
export type ProspectKind = Schemas["ProspectKind"];
export type ProspectMerge = Schemas["ProspectMerge"];
export type ProspectOut = Schemas["ProspectOut"];
export type ProspectStatus = Schemas["ProspectStatus"];
export type Savings = Schemas["Savings"];
export type ScriptStepKind = Schemas["ScriptStepKind"];
export type RetentionReport = Schemas["RetentionReport"];
export type SearchOut = Schemas["SearchOut"];
export type SizeBand = Schemas["SizeBand"];
export type SourceCreate = Schemas["SourceCreate"];
export type SourceOut = Schemas["SourceOut"];
export type StopOut = Schemas["StopOut"];
export type SuggestionOut = Schemas["SuggestionOut"];
export type TimelineEvent = Schemas["TimelineEvent"];
export type Totals = Schemas["Totals"];
export type TourBaseIn = Schemas["TourBaseIn"];
export type TourBaseOut = Schemas["TourBaseOut"];
export type TourPlanIn = Schemas["TourPlanIn"];
export type TourPlanOut = Schemas["TourPlanOut"];
export type TransportMode = Schemas["TransportMode"];
export type UserOut = Schemas["UserOut"];
export type VisitIn = Schemas["VisitIn"];

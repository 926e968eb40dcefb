"""The standard's data model: every record, validated and frozen.

:data:`RECORD_MODELS` lists the top-level records (each has its own JSON
Schema and example); :func:`record_model` finds one by its ``record_type``.
"""

from __future__ import annotations

from seikatsu_std.model.appeal import ReviewRequest, ReviewRuling
from seikatsu_std.model.base import LabelledEnum, Record, StdModel
from seikatsu_std.model.care import CareTicket
from seikatsu_std.model.case import Case, CaseStatus, HouseholdType
from seikatsu_std.model.casework import (
    AssistancePolicy,
    CaseRecord,
    VisitGrade,
    VisitPlan,
    VisitRecord,
)
from seikatsu_std.model.claims import (
    Claim,
    ClaimBasis,
    ClaimDecision,
    Collection,
    InstalmentPlan,
    Reminder,
)
from seikatsu_std.model.common import AssistanceKind, Kyuchi, Period
from seikatsu_std.model.decision import AssistanceAmounts, Decision, DecisionKind
from seikatsu_std.model.household import Household, HouseholdMember
from seikatsu_std.model.intake import Application, Consultation
from seikatsu_std.model.investigation import (
    AssetInquiry,
    OtherMeasureChecklist,
    SupportInquiry,
    SupportObligorRecord,
    WorkCapacityAssessment,
)
from seikatsu_std.model.legal import LegalRef, Verification
from seikatsu_std.model.medical import (
    FrequentVisitFlag,
    IllnessReport,
    LongStayReview,
    MedicalInstitution,
    MedicalOpinion,
    MedicalTicket,
)
from seikatsu_std.model.meetings import Consent, Disclosure, Meeting, MeetingType
from seikatsu_std.model.office import StaffMember, WelfareOffice
from seikatsu_std.model.payments import Payment, PaymentRun, ProxyPayment
from seikatsu_std.model.personal_number import PersonalNumberRecord
from seikatsu_std.model.self_reliance import (
    GrantPayment,
    ProgrammeEnrolment,
    SelfRelianceAssessment,
    SupportPlan,
    SupportProgramme,
)
from seikatsu_std.model.submission import SubmittedDocument
from seikatsu_std.model.transfer import Transfer

#: Every top-level record of the standard, grouped by business area in the
#: order the docs present them.
RECORD_MODELS: tuple[type[Record], ...] = (
    # office and people
    WelfareOffice,
    StaffMember,
    Household,
    PersonalNumberRecord,
    Case,
    # consultation, application, investigation, decision
    Consultation,
    Application,
    AssetInquiry,
    SupportInquiry,
    SupportObligorRecord,
    WorkCapacityAssessment,
    OtherMeasureChecklist,
    Decision,
    ReviewRequest,
    SubmittedDocument,
    Transfer,
    # casework and visits
    VisitGrade,
    VisitPlan,
    VisitRecord,
    CaseRecord,
    AssistancePolicy,
    # self-reliance support
    SelfRelianceAssessment,
    SupportProgramme,
    ProgrammeEnrolment,
    SupportPlan,
    GrantPayment,
    # meetings, consent, disclosure
    Consent,
    Meeting,
    Disclosure,
    # medical and care
    MedicalInstitution,
    IllnessReport,
    MedicalOpinion,
    MedicalTicket,
    LongStayReview,
    FrequentVisitFlag,
    CareTicket,
    # payments
    Payment,
    PaymentRun,
    ProxyPayment,
    # repayments and claims
    ClaimDecision,
    Claim,
    InstalmentPlan,
    Collection,
    Reminder,
)


class UnknownRecordTypeError(LookupError):
    """A ``record_type`` that the standard does not define."""

    def __init__(self, record_type: object) -> None:
        self.record_type = record_type
        super().__init__(f"unknown record type {record_type!r}")


_BY_TYPE = {model.record_type_name(): model for model in RECORD_MODELS}


def record_model(record_type: str) -> type[Record]:
    """The model class for ``record_type`` (UnknownRecordTypeError if the standard has none)."""
    try:
        return _BY_TYPE[record_type]
    except KeyError:
        raise UnknownRecordTypeError(record_type) from None


def record_types() -> list[str]:
    """All record types, in catalogue order."""
    return list(_BY_TYPE)


__all__ = [
    "RECORD_MODELS",
    "Application",
    "AssetInquiry",
    "AssistanceAmounts",
    "AssistanceKind",
    "AssistancePolicy",
    "CareTicket",
    "Case",
    "CaseRecord",
    "CaseStatus",
    "Claim",
    "ClaimBasis",
    "ClaimDecision",
    "Collection",
    "Consent",
    "Consultation",
    "Decision",
    "DecisionKind",
    "Disclosure",
    "FrequentVisitFlag",
    "GrantPayment",
    "Household",
    "HouseholdMember",
    "HouseholdType",
    "IllnessReport",
    "InstalmentPlan",
    "Kyuchi",
    "LabelledEnum",
    "LegalRef",
    "LongStayReview",
    "MedicalInstitution",
    "MedicalOpinion",
    "MedicalTicket",
    "Meeting",
    "MeetingType",
    "OtherMeasureChecklist",
    "Payment",
    "PaymentRun",
    "Period",
    "PersonalNumberRecord",
    "ProgrammeEnrolment",
    "ProxyPayment",
    "Record",
    "Reminder",
    "ReviewRequest",
    "ReviewRuling",
    "SelfRelianceAssessment",
    "StaffMember",
    "StdModel",
    "SubmittedDocument",
    "SupportInquiry",
    "SupportObligorRecord",
    "SupportPlan",
    "SupportProgramme",
    "Transfer",
    "UnknownRecordTypeError",
    "Verification",
    "VisitGrade",
    "VisitPlan",
    "VisitRecord",
    "WelfareOffice",
    "WorkCapacityAssessment",
    "record_model",
    "record_types",
]

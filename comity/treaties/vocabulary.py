"""Controlled words of the treaties app. Codes are API contract (API.md); labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RequestKind(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    PROVISIONAL_ARREST = "provisional_arrest", _("Provisional arrest")
    TRANSFER_SENTENCED = "transfer_sentenced", _("Transfer of sentenced persons")
    TRANSFER_PROCEEDINGS = "transfer_proceedings", _("Transfer of criminal proceedings")
    CONFISCATION = "confiscation", _("Confiscation and freezing")
    PRESERVATION = "preservation", _("Expedited preservation of stored computer data")
    JIT = "jit", _("Joint investigation team")


class Applies(models.TextChoices):
    """Whether an instrument is a legal basis for a request between two States (API.md `applies`).

    Ordered: the first value is the best answer; a basis is only ever downgraded along this order.
    """

    YES = "yes", _("Applies")
    CONDITIONAL = "conditional", _("Applies if the conditions are met")
    UNKNOWN = "unknown", _("Unknown")
    NO = "no", _("Does not apply")


class InstrumentType(models.TextChoices):
    CONVENTION = "convention", _("Convention")
    PROTOCOL = "protocol", _("Protocol")
    REGIONAL = "regional", _("Regional treaty")
    BILATERAL = "bilateral", _("Bilateral treaty")
    SCHEME = "scheme", _("Scheme (not a treaty)")


class FactsVerdict(models.TextChoices):
    """How current the participation facts held for an instrument are (`comity treaties status`)."""

    CURRENT = "current", pgettext_lazy("facts verdict", "Current")
    OLD = "old", pgettext_lazy("facts verdict", "Old")
    PARTIAL = "partial", pgettext_lazy("facts verdict", "Partial")
    NO_FACTS = "no_facts", pgettext_lazy("facts verdict", "No facts")


class ConsentType(models.TextChoices):
    RATIFICATION = "ratification", _("Ratification")
    ACCESSION = "accession", _("Accession")
    ACCEPTANCE = "acceptance", _("Acceptance")
    APPROVAL = "approval", _("Approval")
    SUCCESSION = "succession", _("Succession")
    FORMAL_CONFIRMATION = "formal_confirmation", _("Formal confirmation")
    RATIFICATION_OR_EQUIVALENT = "ratification_or_equivalent", _("Ratification or equivalent")
    UNSPECIFIED = "unspecified", _("Consent (type not stated)")


class DeclarationMeaning(models.TextChoices):
    EXTRADITION_BASIS = (
        "extradition_basis",
        _("Whether the Convention is a legal basis for extradition"),
    )
    CENTRAL_AUTHORITY = "central_authority", _("Central authority designated")
    LANGUAGES = "languages", _("Languages accepted")
    RESERVATION = "reservation", _("Reservation")
    OTHER = "other", _("Other declaration")


class SuspensionKind(models.TextChoices):
    """Why an instrument to which both States are Parties does not apply between them."""

    SUSPENSION = "suspension", _("Suspended towards that State")
    TERMINATION = "termination", _("Terminated towards that State")
    NON_APPLICATION = "non_application", _("Not applied between the two States")


class OffenceCategory(models.TextChoices):
    PARTICIPATION_OCG = "participation_ocg", _("Participation in an organized criminal group")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    CORRUPTION = "corruption", _("Corruption (bribery, embezzlement, abuse of functions)")
    OBSTRUCTION_OF_JUSTICE = "obstruction_of_justice", _("Obstruction of justice")
    DRUG_TRAFFICKING = "drug_trafficking", _("Drug trafficking")
    TRAFFICKING_IN_PERSONS = "trafficking_in_persons", _("Trafficking in persons")
    MIGRANT_SMUGGLING = "migrant_smuggling", _("Smuggling of migrants")
    FIREARMS_TRAFFICKING = "firearms_trafficking", _("Illicit trafficking in firearms")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    FRAUD = "fraud", _("Fraud")
    TERRORISM = "terrorism", _("Terrorism")
    OTHER_SERIOUS = "other_serious", _("Other serious crime (at least four years' imprisonment)")
    OTHER = "other", _("Other offence")


class Ternary(models.TextChoices):
    """A yes/no fact that may not be known. Unknown is never shown as no."""

    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Unknown")


class DualCriminality(models.TextChoices):
    NEVER = "never", _("Not required")
    COERCIVE = "coercive", _("Required for coercive measures")
    ALWAYS = "always", _("Always required")
    UNKNOWN = "unknown", _("Unknown")

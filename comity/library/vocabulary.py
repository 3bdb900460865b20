"""The words of the legal library: kinds of document, who may read one, and the lists its facets
draw on (the crime types are SHERLOC's)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentType(models.TextChoices):
    LEGISLATION = "legislation", _("Legislation")
    CASE = "case", pgettext_lazy("library document type", "Case law")
    PUBLICATION = "publication", _("Publication")


class InForce(models.TextChoices):
    IN_FORCE = "in_force", _("In force")
    PARTLY = "partly_in_force", _("Partly in force")
    NOT_YET = "not_yet_in_force", _("Not yet in force")
    REPEALED = "repealed", _("Repealed")
    UNKNOWN = "unknown", _("Status in force unknown")


class PublicationKind(models.TextChoices):
    MANUAL = "manual", _("Manual")
    HANDBOOK = "handbook", _("Handbook")
    MODEL_LAW = "model_law", _("Model law")
    GUIDE = "guide", _("Guide")
    DIGEST = "digest", _("Digest of cases")


class Access(models.TextChoices):
    PUBLIC = "public", _("Everyone, signed in or not")
    SIGNED_IN = "signed_in", _("Signed-in users only")
    AUTHORITY = "authority", _("My authority only")


class CrimeType(models.TextChoices):
    """The crime types of UNODC's SHERLOC case law database."""

    CORRUPTION = "corruption", _("Corruption")
    COUNTERFEITING = "counterfeiting", _("Counterfeiting")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    DRUGS = "drug_offences", _("Drug offences")
    MONEY_LAUNDERING = "money_laundering", _("Money laundering")
    OBSTRUCTION = "obstruction_of_justice", _("Obstruction of justice")
    OCG = "organized_criminal_group", _("Participation in an organized criminal group")
    PIRACY = "piracy", _("Piracy")
    MIGRANTS = "smuggling_of_migrants", _("Smuggling of migrants")
    FIREARMS = "firearms", _("Firearms")
    CULTURAL_PROPERTY = "cultural_property", _("Trafficking in cultural property")
    WILDLIFE = "wildlife_crime", _("Wildlife, forest and fisheries crime")
    PERSONS = "trafficking_in_persons", _("Trafficking in persons")
    MEDICAL = "falsified_medical_products", _("Falsified medical products")
    TERRORISM = "terrorism", _("Terrorism")


class CrossCutting(models.TextChoices):
    CONFISCATION = "confiscation", _("Confiscation of proceeds")
    ELECTRONIC_EVIDENCE = "electronic_evidence", _("Electronic evidence")
    FINANCIAL = "financial_investigation", _("Financial investigation")
    JURISDICTION = "jurisdiction", _("Jurisdiction")
    LEGAL_PERSONS = "legal_persons", _("Liability of legal persons")
    TECHNIQUES = "special_investigative_techniques", _("Special investigative techniques")
    WITNESSES = "witness_protection", _("Protection of witnesses")
    VICTIMS = "victims", _("Victims")
    OFFICIALS = "involvement_of_officials", _("Involvement of public officials")
    HUMAN_RIGHTS = "human_rights", _("Human rights safeguards")
    DUAL_CRIMINALITY = "dual_criminality", _("Dual criminality")
    SPECIALITY = "speciality", _("Rule of speciality")


class CooperationForm(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    JIT = "jit", _("Joint investigation team")
    PROCEEDINGS = "transfer_of_proceedings", _("Transfer of proceedings")
    SENTENCED = "transfer_of_sentenced_persons", _("Transfer of sentenced persons")
    CONFISCATION = "confiscation", _("International cooperation for confiscation")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement cooperation")
    PRESERVATION = "preservation", _("Preservation of stored data")
    SPONTANEOUS = "spontaneous_information", _("Spontaneous information")


# The facets of a search, in the order the page shows them: name -> the index field.
FACETS = ("type", "country", "crime", "cooperation", "instrument", "year", "language")

# The crime type of the library for an offence category of a request (treaties.OffenceCategory).
CRIME_OF_OFFENCE = {
    "participation_ocg": CrimeType.OCG,
    "money_laundering": CrimeType.MONEY_LAUNDERING,
    "corruption": CrimeType.CORRUPTION,
    "obstruction_of_justice": CrimeType.OBSTRUCTION,
    "drug_trafficking": CrimeType.DRUGS,
    "trafficking_in_persons": CrimeType.PERSONS,
    "migrant_smuggling": CrimeType.MIGRANTS,
    "firearms_trafficking": CrimeType.FIREARMS,
    "cybercrime": CrimeType.CYBERCRIME,
    "terrorism": CrimeType.TERRORISM,
}

"""The controlled words of the directory: codes are API contract (API.md), labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Competence(models.TextChoices):
    MLA = "mla", _("Mutual legal assistance")
    EXTRADITION = "extradition", _("Extradition")
    TRANSFER_SENTENCED = "transfer_sentenced", _("Transfer of sentenced persons")
    TRANSFER_PROCEEDINGS = "transfer_proceedings", _("Transfer of criminal proceedings")
    CONFISCATION = "confiscation", _("Confiscation")
    ASSET_RECOVERY = "asset_recovery", _("Asset recovery")
    PRESERVATION_24_7 = "preservation_24_7", _("24/7 preservation of electronic data")
    MIGRANT_SMUGGLING_SEA = "migrant_smuggling_sea", _("Migrant smuggling by sea")
    FIREARMS = "firearms", _("Firearms")
    WITNESS_PROTECTION = "witness_protection", _("Witness protection")
    FIU = "fiu", _("Financial intelligence")
    POLICE = "police", _("Police cooperation")


class AuthorityKind(models.TextChoices):
    CENTRAL_AUTHORITY = "central_authority", _("Central authority")
    PROSECUTION = "prosecution", _("Prosecution office")
    COURT = "court", _("Court")
    MINISTRY = "ministry", _("Ministry")
    POLICE = "police", _("Police")
    FIU = "fiu", _("Financial intelligence unit")
    CONTACT_POINT_24_7 = "contact_point_24_7", _("24/7 network contact point")
    ASSET_RECOVERY_OFFICE = "asset_recovery_office", _("Asset recovery office")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    DIRECT = "direct", _("Direct transmission")
    DIPLOMATIC = "diplomatic", _("Diplomatic channel")
    INTERPOL = "interpol", _("INTERPOL")
    EMAIL = "email", _("E-mail")
    POST = "post", _("Post")
    ELECTRONIC_PLATFORM = "electronic_platform", _("Electronic platform")


class Formality(models.TextChoices):
    ORIGINALS = "originals", _("Originals required")
    CERTIFIED_COPIES = "certified_copies", _("Certified copies accepted")
    SIGNATURE = "signature", _("Signed request required")
    SEAL = "seal", _("Official seal required")
    ENCRYPTION = "encryption", _("Encrypted transmission required")
    ADVANCE_COPY = "advance_copy", _("Advance copy by e-mail accepted")


class FocalPointRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FOCAL_POINT = "focal_point", _("Focal point")
    CONTACT_POINT = "contact_point", _("Contact point")
    SECRETARIAT = "secretariat", _("Secretariat")
    PRESIDENCY = "presidency", _("Presidency")
    OBSERVER = "observer", _("Observer")

"""vCard 4.0 (RFC 6350) for a directory entry, so it can go straight into an address book."""

from comity.directory.models import Authority


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 6350 3.2)."""
    out, current = [], ""
    for ch in line:
        if len((current + ch).encode()) > 75:
            out.append(current)
            current = " " + ch
        else:
            current += ch
    out.append(current)
    return "\r\n".join(out)


def vcard_for(authority: Authority) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        "KIND:org",
        f"FN:{_escape(authority.name)}",
        f"ORG:{_escape(authority.name)}",
    ]
    if authority.address:
        street = _escape(authority.address)
        country = _escape(authority.country.name)
        lines.append(f"ADR;TYPE=work:;;{street};;;;{country}")
    if authority.phone:
        lines.append(f"TEL;VALUE=uri;TYPE=work,voice:tel:{authority.phone}")
    if authority.fax:
        lines.append(f"TEL;VALUE=uri;TYPE=work,fax:tel:{authority.fax}")
    if authority.email:
        lines.append(f"EMAIL;TYPE=work:{authority.email}")
    if authority.website:
        lines.append(f"URL:{authority.website}")
    if authority.time_zone:
        lines.append(f"TZ:{authority.time_zone}")
    note = f"Source: {authority.source}"
    if authority.verified_on:
        note += f" (verified {authority.verified_on.isoformat()})"
    if authority.is_example:
        note = "EXAMPLE DATA, not a real authority. " + note
    lines.append(f"NOTE:{_escape(note)}")
    lines.append(f"UID:urn:uuid:{authority.pk}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"

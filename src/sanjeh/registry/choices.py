"""Fixed choices of the registry, with Persian labels."""

from django.db import models


class OutletKind(models.TextChoices):
    NATIONAL_AGENCY = "national_agency", "خبرگزاری ملی"
    PROVINCIAL_AGENCY = "provincial_agency", "خبرگزاری استانی"
    NEWSPAPER = "newspaper", "روزنامه"
    SITE = "site", "پایگاه خبری"
    BROADCAST = "broadcast", "صداوسیما"


# Default tier weights for earned-media pickup (DOMAIN.md: national 3, provincial 2, local 1).
DEFAULT_TIER_WEIGHT = {
    OutletKind.NATIONAL_AGENCY: 3.0,
    OutletKind.PROVINCIAL_AGENCY: 2.0,
    OutletKind.NEWSPAPER: 2.0,
    OutletKind.SITE: 1.0,
    OutletKind.BROADCAST: 3.0,
}

from django.conf import settings
from django.db import models
from django.utils import timezone

from comity.core import access
from comity.core.access import RestrictedQuerySet


class SecretariatRule(access.NetworkBusiness):
    """Who runs a network's secretariat: seen by its members, appointed by site admins."""

    def q(self, user, permission):
        if permission != access.Permission.VIEW:
            return access.ALL if access.is_site_admin(user) else access.NOTHING
        return super().q(user, permission)


class Secretary(models.Model):
    """A person on a network's secretariat: manages its focal points, meetings, courses,
    assessments and projects."""

    access = SecretariatRule()

    network = models.ForeignKey(
        "directory.Network", on_delete=models.CASCADE, related_name="secretaries"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secretariats"
    )
    since = models.DateField(default=timezone.localdate)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["network", "user__username"]
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="secretary_unique")]

    def __str__(self):
        return f"{self.network.code}: {self.user.get_username()}"

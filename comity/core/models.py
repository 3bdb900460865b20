from django.db import models


class Generation(models.Model):
    """The current generation of one scope of data (comity.core.generations): a random token,
    renewed in the same transaction as every change to that data."""

    scope = models.CharField(max_length=32, primary_key=True)
    token = models.CharField(max_length=32)

    def __str__(self):
        return f"{self.scope} {self.token}"

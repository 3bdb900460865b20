"""Admin registrations. Changes made here go through the same services and audit trail."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from comity.accounts import services
from comity.accounts.models import ApiToken, User
from comity.audit.models import Action
from comity.audit.services import record

# Fields whose values never go into the audit trail.
_SECRET_FIELDS = {"password"}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "authority", "role", "is_active", "is_superuser")
    list_filter = ("role", "is_active", "is_superuser", "authority__country")
    list_select_related = ("authority",)
    search_fields = ("username", "first_name", "last_name", "email")
    raw_id_fields = ("authority",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Authority"), {"fields": ("authority", "role", "is_example")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Authority"), {"fields": ("authority", "role")}),
    )

    def has_delete_permission(self, request, obj=None):
        return False  # switch the account off instead; the audit trail keeps pointing at it

    def save_model(self, request, obj, form, change):
        # Admin forms save the model themselves; record what changed, in the same transaction
        # (the admin wraps each change view in one).
        fields = [
            f for f in form.changed_data if f not in _SECRET_FIELDS and f in form.cleaned_data
        ]
        before = {f: form.initial.get(f) for f in fields} if change else None
        super().save_model(request, obj, form, change)
        after = {f: _plain(form.cleaned_data.get(f)) for f in fields}
        record(
            actor=request.user,
            action=Action.UPDATE if change else Action.CREATE,
            obj=obj,
            before={f: _plain(v) for f, v in before.items()} if before is not None else None,
            after=after,
            note="changed in the admin site",
        )


def _plain(value):
    """Model instances and querysets as their primary keys, so the snapshot is JSON-native."""
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    if hasattr(value, "values_list"):
        return sorted(str(pk) for pk in value.values_list("pk", flat=True))
    return value


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "key_id", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    list_select_related = ("user",)
    search_fields = ("name", "key_id", "user__username")
    readonly_fields = (
        "user",
        "name",
        "key_id",
        "key_hash",
        "created_at",
        "last_used_at",
        "revoked_at",
    )
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        # A token is created with `comity token create` or on the user's tokens page, where the
        # plain token can be shown once; the admin has no way to show it.
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead, so that the audit trail keeps pointing at something

    @admin.action(description=_("Revoke selected tokens"))
    def revoke_selected(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked_at__isnull=True):
            services.revoke_token(token=token, actor=request.user)
            count += 1
        self.message_user(
            request, _("%(count)d token(s) revoked.") % {"count": count}, messages.SUCCESS
        )

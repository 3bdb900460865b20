from django.urls import path

from comity.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/remove/", views.two_factor_remove, name="two_factor_remove"),
    path("authority-security/", views.authority_security, name="authority_security"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<str:key_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
    path("users/", views.user_list, name="user_list"),
    path("users/invite/", views.user_invite, name="user_invite"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/role/", views.user_role, name="user_role"),
    path("users/<int:pk>/deactivate/", views.user_deactivate, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", views.user_reactivate, name="user_reactivate"),
    path("users/<int:pk>/invitation/", views.user_resend_invitation, name="user_resend_invitation"),
]

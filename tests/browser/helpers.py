"""What several browser journeys do: sign in as the demo officer (or another demo account),
choose a language."""


def sign_in_as_demo(page, site_url: str, password: str, username: str = "demo") -> None:
    page.goto(f"{site_url}/accounts/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Sign in").click()


def choose_language(page, native_name: str) -> None:
    """Open the language menu and choose a language by its own name ("العربية", "English")."""
    page.locator(".language-menu summary").click()
    page.get_by_role("button", name=native_name).click()
    page.wait_for_load_state()

from .permissions import Perm, can_view_audit, is_staff_member, reaches


def navigation(request):
    """Which staff menu items the current user gets; nothing for the public."""
    user = getattr(request, "user", None)
    if user is None or not is_staff_member(user):
        return {"nav": None}
    return {
        "nav": {
            "staff": reaches(user, Perm.MANAGE_STAFF),
            "services": True,
            "audit": can_view_audit(user),
            "admin": user.is_superuser,
            "plans": reaches(user, "plans.view"),
        }
    }

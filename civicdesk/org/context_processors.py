from .permissions import Perm, can_view_audit, is_staff_member, library_ids_with


def navigation(request):
    """Which staff menu items the current user gets; nothing for the public."""
    user = getattr(request, "user", None)
    if user is None or not is_staff_member(user):
        return {"nav": None}

    def reaches(perm):
        ids = library_ids_with(user, perm)
        return ids is None or bool(ids)

    return {
        "nav": {
            "staff": reaches(Perm.MANAGE_STAFF),
            "services": True,
            "audit": can_view_audit(user),
            "admin": user.is_superuser,
        }
    }

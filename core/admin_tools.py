"""Building blocks for the apps' admin classes."""


class ReadOnlyAdminMixin:
    """An admin whose rows are records the site writes itself: view them only.

    No add, change or delete for anyone (superusers included); the list and
    each row's page stay open to staff with the view permission.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import BenchRow


@csrf_exempt
@require_POST
def insert_row(request):
    """The least a Django write can do: insert one row, answer 200."""
    BenchRow.objects.create(note=request.POST.get("note", ""))
    return HttpResponse("ok", content_type="text/plain")

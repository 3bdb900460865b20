from django.http import HttpResponse


def authority_list(request):
    return HttpResponse("list")


country_list = network_list = compare = authority_list

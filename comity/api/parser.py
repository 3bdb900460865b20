"""The API's body parser: every JSON body comes as an object (API.md). A list or a bare value
is refused here, once for every endpoint, instead of reaching a schema whose fields are all
optional (a PATCH) as if it were an empty object."""

import json

from ninja.parser import Parser


class NotAnObject(ValueError):
    pass


class ObjectParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise NotAnObject("the body is not a JSON object")
        return data

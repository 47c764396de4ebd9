"""Pins the `user` of generated create/update bodies to a user that exists
(the account's admin, id 1): the existence of the responsible user is a
runtime rule that no schema can state, like the existence of a path id."""
import re

import schemathesis

ADMIN = 1
USER_STRING = re.compile(r"^(\s*\+?0*)[1-9][0-9]{0,18}(\s*)$")


@schemathesis.hook
def before_call(context, case, kwargs):
    body = case.body
    if not isinstance(body, dict) or "user" not in body:
        return
    user = body["user"]
    if isinstance(user, int) and not isinstance(user, bool) and user >= 1:
        body["user"] = ADMIN
    elif isinstance(user, float) and user.is_integer() and user >= 1:
        body["user"] = float(ADMIN)
    elif isinstance(user, str):
        m = USER_STRING.match(user)
        if m:
            body["user"] = f"{m.group(1)}{ADMIN}{m.group(2)}"


@schemathesis.hook
def filter_failure(context, failure, case, response):
    """OPTIONS answers 200 for any well-formed id, deleted or not (Yii's
    OptionsAction never loads the model): "deleted resource still available"
    does not apply to it. Every other failure is kept."""
    return not (type(failure).__name__ == "UseAfterFree" and case.method.upper() == "OPTIONS")

#!/usr/bin/env python3
"""Seeds fuzz/corpus/<target>/ from the project's golden files and captures:
real requests of real client libraries, the golden answers' shapes, the
config file, and patterns the tests search with. Run from anywhere; files
already there are kept (libFuzzer adds its finds beside them)."""
import glob
import hashlib
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def keep(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def files(pattern):
    return sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))


for path in files("crates/crm-eadesk/tests/captures/**/*.txt"):
    keep("eadesk_request", open(path, "rb").read())
for path in files("crates/crm-planfix/tests/captures/**/*.txt"):
    message = open(path, "rb").read()
    body = message.split(b"\r\n\r\n", 1)[-1]
    keep("planfix_xml", body)
for path in files("crates/crm-planfix/tests/golden/**/*.xml"):
    keep("planfix_xml", open(path, "rb").read())

REST = [
    "GET /rest/client?fields=id,name&expand=user&sort=-name&page=2&per-page=5 HTTP/1.1\r\nAuthorization: Bearer t\r\n\r\n",
    "GET /rest/client/12?count_deals=1 HTTP/1.1\r\n\r\n",
    'POST /rest/client HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{"name":"Ромашка","type":1,"email":"a@b.ru","user":"1"}',
    "POST /rest/client HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nname=%D0%98&type=2&_method=PUT",
    'PUT /rest/client/5,6 HTTP/1.1\r\nContent-Type: multipart/form-data; boundary=xyz\r\n\r\n--xyz\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n--xyz--\r\n',
    "DELETE /rest/client/%31 HTTP/1.1\r\n\r\n",
]
for request in REST:
    keep("rest_request", request)

SALESMAN = [
    "GET /developer/v2/person?login=admin@acme&apikey=k&action=list&filter[person]=%D0%98&count=10&sort=date_create&desc=1 HTTP/1.1\r\n\r\n",
    "POST /developer/v2/person HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\naction=add&person=Y&tel=1&socials[skype]=x&input1=1980-01-01&date_create=17.05.2024",
    "POST /developer/v2/person HTTP/1.1\r\n\r\naction=add.list&list[0][person]=A&list[1][person]=B&list[1][clid]=3",
    "GET /developer/v2/person?action=info&pid=4&fields[]=person&fields[]=tel HTTP/1.1\r\n\r\n",
    "GET /developer/v2/person?action=update&pid=4&mob=%2B7&dateStart=2024-01-01 HTTP/1.1\r\n\r\n",
]
for request in SALESMAN:
    keep("salesman_request", request)
for path in files("crates/crm-eadesk/tests/*.rs") + files("crates/crm-core/src/search/*.rs"):
    for pattern in re.findall(r'search=([^"&\s]+)', open(path, encoding="utf-8").read())[:20]:
        keep("search_regex", pattern + "\nИван Петров\n+7 (922) 250-50-50\nivan@example.com\n")
for pattern in [r"\+7 \(922\)", r"^\w+$", r"(?i)иван|петр", r"[\w.-]+@mail\.ru", r"(a+)+$", r"Марк.ров"]:
    keep("search_regex", pattern + "\nИван Петров\n+7 (922) 250-50-50\nmarkov@mail.ru\nМаркеров\n")
for path in files("config/*.toml"):
    keep("config_file", open(path, "rb").read())
keep("config_file", '[http]\nlisten = "127.0.0.1:8080"\n[log]\nformat = "json"\n')
keep("config_file", '[auth]\ncredential_cache_ms = 0\n[metrics]\nlisten = "127.0.0.1:9100"\n')

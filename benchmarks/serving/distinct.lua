-- Every request is a search never made before: the request number written in base 33 with the
-- FAQ's own words as digits (four words, over a million distinct queries per thread block).
local words = {"carte", "e-CPS", "certificat", "logiciel", "hôpital", "officine", "financement", "Ségur",
  "DMP", "INS", "identité", "référencement", "catalogue", "sécurité", "test", "médecin", "pharmacie",
  "activer", "renouveler", "perdue", "bloquée", "messagerie", "MSSanté", "candidature", "dossier",
  "patient", "éditeur", "biologie", "imagerie", "radiologie", "version", "délai", "ordonnance"}
local threads = 0
local counter = 0

function setup(thread)
  thread:set("offset", threads * 250000)
  threads = threads + 1
end

local function encode(text)
  return (text:gsub("[^%w%-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local n = offset + counter
  counter = counter + 1
  local q = {}
  for i = 1, 4 do
    q[i] = words[(n % #words) + 1]
    n = math.floor(n / #words)
  end
  return wrk.format("GET", "/?q=" .. encode(table.concat(q, " ")))
end

-- Every request is a search never made before, in this run or an earlier one: a number written in
-- base 33 with the FAQ's own words as digits (five words, 39 million queries), each thread counting
-- from its own random start.
local words = {"carte", "e-CPS", "certificat", "logiciel", "hôpital", "officine", "financement", "Ségur",
  "DMP", "INS", "identité", "référencement", "catalogue", "sécurité", "test", "médecin", "pharmacie",
  "activer", "renouveler", "perdue", "bloquée", "messagerie", "MSSanté", "candidature", "dossier",
  "patient", "éditeur", "biologie", "imagerie", "radiologie", "version", "délai", "ordonnance"}
local counter = 0
math.randomseed(os.time())

function setup(thread)
  thread:set("offset", math.random(0, 38000000))
end

local function encode(text)
  return (text:gsub("[^%w%-]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local n = offset + counter
  counter = counter + 1
  local q = {}
  for i = 1, 5 do
    q[i] = words[(n % #words) + 1]
    n = math.floor(n / #words)
  end
  return wrk.format("GET", "/?q=" .. encode(table.concat(q, " ")))
end

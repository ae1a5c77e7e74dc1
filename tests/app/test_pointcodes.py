"""Point codes end to end in the domain: generation, guide marking, member redemption (once),
linked guide points, the follow-up answer's reward (once), voided batches, throttling,
registration with its reward once."""

import pytest

from app import ledger, throttle
from app.backoffice.actor import sign_in
from app.demo import DEMO_PINS
from app.errors import Conflict, PermissionDenied, ValidationError
from app.models import AuditEntry, PointCode, Product, Setting
from app.pointcodes import batches, linkage, reports, scans
from app.registration import join


@pytest.fixture
def manager(world):
    return sign_in("m1", DEMO_PINS["manager"])


@pytest.fixture
def batch(world, manager):
    product = Product.get(Product.sku == "A001")
    question = batches.Question("choice", "您从哪里知道这个产品？", "How did you hear of it?",
                                (("朋友", "Friends"), ("广告", "Ads")), feedback_points=20)
    return batches.generate_batch(manager, product.id, 30, 50, question)


def test_generation_makes_unique_genuine_codes_in_the_actors_scope(world, manager, batch):
    codes = batches.batch_codes(manager, batch.id)
    assert len(codes) == 30 == len({c.code for c in codes})
    assert PointCode.select().where(PointCode.batch == batch.id).count() == 30
    assert AuditEntry.select().where(AuditEntry.action == "pointcode_batch").count() == 1
    m2 = sign_in("m2", DEMO_PINS["manager"])
    with pytest.raises(PermissionDenied):
        batches.batch_codes(m2, batch.id)
    with pytest.raises(PermissionDenied):
        batches.generate_batch(m2, Product.get(Product.sku == "A001").id, 5, 10)
    with pytest.raises(ValidationError):
        batches.generate_batch(manager, Product.get(Product.sku == "A001").id, 0, 10)
    with pytest.raises(ValidationError):
        batches.generate_batch(manager, Product.get(Product.sku == "A001").id, 5, 10,
                               batches.Question("choice", "?", choices=(("一", ""),)))


def test_a_guide_marks_once_and_a_second_guide_is_told_who(world, batch, manager):
    code = batches.batch_codes(manager, batch.id)[0].code
    marked = scans.guide_mark(code, world.guide_a.id, world.terminal_a.id)
    assert marked.guide_name == world.guide_a.name
    assert scans.guide_mark(code, world.guide_a.id).guide_name == world.guide_a.name  # again
    from app import staff

    other = staff.create_staff("g9", "第二导购", "guide", "2222", world.merchant_a)
    with pytest.raises(Conflict) as info:
        scans.guide_mark(code, other.id)
    assert info.value.code == "pointcode.marked_by_other"
    assert world.guide_a.name in info.value.message
    with pytest.raises(PermissionDenied):
        scans.guide_mark(code, world.cashier_a.id)


def test_a_member_redeems_once_and_the_guide_earns_the_linked_points(world, batch, manager):
    linkage.set_rule(manager, world.merchant_a.id, "percent", 2000)  # 20 %
    code = batches.batch_codes(manager, batch.id)[1].code
    scans.guide_mark(code, world.guide_a.id)
    before = ledger.balance(world.member)
    done = scans.member_redeem(code, world.member.id, world.terminal_a.id)
    assert done.points == 50 and done.guide_points == 10
    assert ledger.balance(world.member) == before + 50
    assert reports.guide_balance(world.guide_a.id) == 10
    assert done.question is not None and done.question.kind == "choice"
    # the same member retrying (a lost answer) gets the same result, nothing twice
    assert scans.member_redeem(code, world.member.id).points == 50
    assert ledger.balance(world.member) == before + 50
    other = join("13911112222", "新会员", store_id=world.store_a.id, terms_accepted=True)
    with pytest.raises(ValidationError) as info:
        scans.member_redeem(code, other.member_id, world.terminal_b.id)
    assert info.value.code == "pointcode.not_genuine"
    assert ledger.verify() == []


def test_the_follow_up_answer_earns_its_reward_once(world, batch, manager):
    codes = [c.code for c in batches.batch_codes(manager, batch.id)[2:4]]
    scans.member_redeem(codes[0], world.member.id)
    with pytest.raises(ValidationError):
        scans.answer(codes[0], world.member.id, 5)  # not one of the two answers
    before = ledger.balance(world.member)
    assert scans.answer(codes[0], world.member.id, 1).reward == 20
    assert ledger.balance(world.member) == before + 20
    again = scans.member_redeem(codes[1], world.member.id)
    assert again.question is None  # answered for this batch already
    with pytest.raises(Conflict):
        scans.answer(codes[1], world.member.id, 0)
    assert ledger.balance(world.member) == before + 20 + 50
    assert reports.answers(manager, batch.id)[0][1] == "1"


def test_a_voided_batch_stops_its_unredeemed_codes(world, batch, manager):
    codes = [c.code for c in batches.batch_codes(manager, batch.id)[4:6]]
    scans.member_redeem(codes[0], world.member.id)
    batches.void_batch(manager, batch.id)
    with pytest.raises(ValidationError) as info:
        scans.member_redeem(codes[1], world.member.id)
    assert info.value.code == "pointcode.not_genuine"
    with pytest.raises(Conflict):
        batches.void_batch(manager, batch.id)
    figures = reports.by_batch(manager)[0]
    assert (figures.generated, figures.redeemed, figures.voided) == (30, 1, True)


def test_forgeries_and_used_codes_look_alike_and_slow_the_terminal(world, batch, manager):
    code = batches.batch_codes(manager, batch.id)[6].code
    scans.member_redeem(code, world.member.id)
    forged_body = "P" + code[1:9] + "2222222222"
    from app.typable_codes import check_symbol

    forged = forged_body + check_symbol(forged_body)
    errors = []
    for attempt in (forged, code, forged, code, forged):
        with pytest.raises(ValidationError) as info:
            scans.member_redeem(attempt, _other(world),
                                world.terminal_b.id)
        errors.append((info.value.code, info.value.message))
    assert len(set(errors)) == 1
    with pytest.raises(PermissionDenied) as info:
        scans.member_redeem(batches.batch_codes(manager, batch.id)[7].code, _other(world),
                            world.terminal_b.id)
    assert info.value.code == "throttle.slow_down"
    # a typo never reaches the database, so it neither counts nor is slowed down
    typo = code[:3] + ("2" if code[3] != "2" else "3") + code[4:]
    with pytest.raises(ValidationError) as info:
        scans.member_redeem(typo, _other(world), world.terminal_a.id)
    assert info.value.code == "pointcode.typo"


def _other(world):
    return join("13933334444", "试", store_id=world.store_b.id, terms_accepted=True).member_id


def test_joining_grants_the_registration_reward_once(world):
    Setting.create(key="registration_points", value="88")
    first = join("13955556666", "王小明", store_id=world.store_b.id, terms_accepted=True,
                 marketing_consent=True)
    assert first.new and first.reward == 88
    assert ledger.balance(first.member_id) == 88
    again = join("139 5555 6666", "王小明", store_id=world.store_a.id, terms_accepted=True)
    assert not again.new and again.reward == 0 and again.member_id == first.member_id
    assert ledger.balance(first.member_id) == 88
    with pytest.raises(ValidationError):
        join("13977778888", "", store_id=world.store_a.id, terms_accepted=False)
    assert throttle.scopes(1, 2) == ("terminal:1", "member:2")

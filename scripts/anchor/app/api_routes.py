from flask import Blueprint, request, jsonify
from app.db import db
from app.models import User, Category, Budget, Expense, Alert
from datetime import datetime

bp = Blueprint('api', __name__, url_prefix='/api')

@bp.route('/expenses', methods=['POST'])
def create_expense():
    data = request.json
    # expected: {user_id, category_id, amount, date (YYYY-MM-DD), note}
    try:
        e = Expense(
            user_id = data['user_id'],
            category_id = data.get('category_id'),
            amount = data['amount'],
            currency = data.get('currency', 'INR'),
            date = datetime.strptime(data['date'], '%Y-%m-%d').date(),
            note = data.get('note')
        )
        db.session.add(e)
        db.session.commit()
        return jsonify({'status':'ok','id': e.id}), 201
    except Exception as ex:
        db.session.rollback()
        return jsonify({'status':'error','message': str(ex)}), 400

@bp.route('/users/<int:user_id>/summary', methods=['GET'])
def user_summary(user_id):
    # simple summary: total spent this month and budgets
    from sqlalchemy import func
    today = datetime.utcnow().date()
    month_start = today.replace(day=1)

    total = db.session.query(func.coalesce(func.sum(Expense.amount), 0)).filter(Expense.user_id==user_id, Expense.date>=month_start).scalar()

    budgets = db.session.query(Budget, Category).join(Category, Budget.category_id==Category.id).filter(Budget.user_id==user_id, Budget.month==month_start.month, Budget.year==month_start.year).all()

    bud_list = []
    for b, c in budgets:
        spent = db.session.query(func.coalesce(func.sum(Expense.amount), 0)).filter(Expense.user_id==user_id, Expense.category_id==b.category_id, Expense.date>=month_start).scalar()
        bud_list.append({'category': c.name, 'budget': float(b.amount), 'spent': float(spent)})

    return jsonify({'total_this_month': float(total), 'categories': bud_list})
